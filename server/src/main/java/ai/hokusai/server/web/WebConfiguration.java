package ai.hokusai.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;
    private final RateLimitInterceptor rateLimits;
    private final ScopeInterceptor scopes;

    public WebConfiguration(ApiKeyInterceptor apiKeys, RateLimitInterceptor rateLimits, ScopeInterceptor scopes) {
        this.apiKeys = apiKeys;
        this.rateLimits = rateLimits;
        this.scopes = scopes;
    }

    /** The docs site is packed under META-INF/resources/docs; its index answers the folder URL. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/docs", "/docs/");
        registry.addViewController("/docs/").setViewName("forward:/docs/index.html");
    }

    /** In this order: who is calling, whether the key has quota left, whether the key may do this. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
        registry.addInterceptor(rateLimits).addPathPatterns("/api/**");
        registry.addInterceptor(scopes).addPathPatterns("/api/**");
    }
}
