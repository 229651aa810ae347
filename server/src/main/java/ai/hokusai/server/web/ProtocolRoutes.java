package ai.hokusai.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Open Inference Protocol's keyed routes ({@code /v2/models/…}) are judged as {@code /api/**} ones are: the key
 * by {@link ApiKeyFilter}, its scope for the matched operation here.
 */
@Configuration(proxyBeanMethods = false)
public class ProtocolRoutes implements WebMvcConfigurer {

    /** Where the protocol's keyed routes live. */
    static final String KEYED = "/v2/models";

    private final ScopeInterceptor scopes;

    public ProtocolRoutes(ScopeInterceptor scopes) {
        this.scopes = scopes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(scopes).addPathPatterns(KEYED + "/**");
    }

    /** Whether a path (without the context path) is one of the protocol's keyed routes, or under them. */
    static boolean keyed(String path) {
        return path.equals(KEYED) || path.startsWith(KEYED + "/");
    }
}
