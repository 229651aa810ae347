package ai.hokusai.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Routes as Spring MVC does, but a mapping whose path cannot match is ruled out first. A path with a variable in it
 * ({@code /api/v1/models/{modelRef}/predict}) has no direct look-up, so every mapping is tried; Spring tries a
 * mapping's method, parameters, headers, {@code Content-Type} and {@code Accept} before its path, which parses the
 * request's media types again for each one. The path pattern alone rules out all but one or two. The result is the
 * same mapping: a mapping is chosen only if its path matches, and the others are then judged exactly as before.
 */
@Configuration(proxyBeanMethods = false)
public class PathFirstMappings {

    @Bean
    WebMvcRegistrations pathFirstRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Mapping();
            }
        };
    }

    static final class Mapping extends RequestMappingHandlerMapping {

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && !paths.isEmpty() && ServletRequestPathUtils.hasParsedRequestPath(request)
                    && !anyMatches(paths, ServletRequestPathUtils.getParsedRequestPath(request)
                            .pathWithinApplication())) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        private static boolean anyMatches(PathPatternsRequestCondition paths, PathContainer path) {
            for (PathPattern pattern : paths.getPatterns()) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }
}
