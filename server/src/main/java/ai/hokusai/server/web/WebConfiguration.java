package ai.hokusai.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** Where the docs site is served. */
    static final String DOCS = "/docs/";

    private final ScopeInterceptor scopes;

    public WebConfiguration(ScopeInterceptor scopes) {
        this.scopes = scopes;
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
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(scopes).addPathPatterns("/api/**");
    }
}
