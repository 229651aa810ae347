package ai.hokusai.server.web;

import ai.hokusai.server.web.model.AuditObjectType;
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
     * The order the server's filters run in ({@code @Order} on each), and nothing else orders them: the request id and
     * access line first, so every line and answer carries the id; authentication before anything else judges the
     * request; then the request line's own checks.
     */
    static final int REQUEST_LOG = Ordered.HIGHEST_PRECEDENCE;

    static final int AUTHENTICATION = REQUEST_LOG + 1;
    static final int REQUEST_LINE = REQUEST_LOG + 2;

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

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Query values are the spec's enum values (`model`), not the generated constants' names (`MODEL`).
        registry.addConverter(String.class, AuditObjectType.class, AuditObjectType::fromValue);
    }

    /**
     * Who is calling and whether the key has quota left were judged by {@link ApiKeyFilter} before routing; whether
     * the key may call the matched operation is judged here.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(scopes).addPathPatterns("/api/**", ApiKeyFilter.PROTOCOL_MODELS + "**");
    }
}
