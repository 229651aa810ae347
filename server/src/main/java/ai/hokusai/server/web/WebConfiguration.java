package ai.hokusai.server.web;

import ai.hokusai.server.web.model.AuditObjectType;
import jakarta.servlet.Filter;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** Where the docs site is served. */
    static final String DOCS = "/docs/";

    private final ScopeInterceptor scopes;

    public WebConfiguration(ScopeInterceptor scopes) {
        this.scopes = scopes;
    }

    /**
     * The server's filters, in the order they run, and nothing else orders them: the request id and access line first, so
     * every line and answer carries the id; authentication before anything else judges the request.
     */
    private static final List<Class<? extends Filter>> FILTERS =
            List.of(RequestLog.class, ApiKeyFilter.class, RequestLineCheck.class);

    @Bean
    static FilterRegistrationBean<RequestLog> requestLogRegistration(RequestLog filter) {
        return inOrder(filter);
    }

    @Bean
    static FilterRegistrationBean<ApiKeyFilter> apiKeyRegistration(ApiKeyFilter filter) {
        return inOrder(filter);
    }

    @Bean
    static FilterRegistrationBean<RequestLineCheck> requestLineRegistration(RequestLineCheck filter) {
        return inOrder(filter);
    }

    private static <F extends Filter> FilterRegistrationBean<F> inOrder(F filter) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + FILTERS.indexOf(filter.getClass()));
        return registration;
    }

    /** Answers copy a {@link RenderedJson}'s text instead of writing its object again. */
    @Bean
    JacksonModule renderedJson() {
        return RenderedJson.module();
    }

    /** The docs site is packed under META-INF/resources/docs; its index answers the folder URL. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/docs", DOCS);
        registry.addViewController(DOCS).setViewName("forward:" + DOCS + "index.html");
    }

    /**
     * Who is calling and whether the key has quota left were judged by {@link ApiKeyFilter} before routing; whether
     * the key may call the matched operation is judged here.
     */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Query values are the spec's enum values (`model`), not the generated constants' names (`MODEL`).
        registry.addConverter(String.class, AuditObjectType.class, AuditObjectType::fromValue);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(scopes).addPathPatterns("/api/**");
    }
}
