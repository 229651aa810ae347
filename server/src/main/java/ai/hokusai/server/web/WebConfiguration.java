package ai.hokusai.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;

    public WebConfiguration(ApiKeyInterceptor apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The docs site is packed under META-INF/resources/docs; its index answers the folder URL. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/docs", "/docs/");
        registry.addViewController("/docs/").setViewName("forward:/docs/index.html");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
    }
}
