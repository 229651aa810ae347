package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** What the running server routes, and what the spec says it should, in one comparable form: "METHOD /path". */
final class LiveRoutes {

    private LiveRoutes() {}

    /** Every method + path template a handler method serves. */
    static Set<String> served(RequestMappingHandlerMapping requestMappings) {
        Set<String> live = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                requestMappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            assertThat(info.getMethodsCondition().getMethods())
                    .as("%s must name its HTTP method; a mapping for every method hides 405s", info)
                    .isNotEmpty();
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> live.add(m.name() + " " + path));
            }
        }
        return live;
    }

    /** "METHOD /path" → operationId, straight from the spec. */
    @SuppressWarnings("unchecked")
    static Map<String, String> specOperations(ApiSpecDocument spec) {
        Map<String, String> operations = new TreeMap<>();
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options")
                    .contains(method)) {
                operations.put(method.toUpperCase() + " " + path, (String)
                        ((Map<String, Object>) operation).get("operationId"));
            }
        }));
        return operations;
    }

    /** What the dispatcher itself would pick: the first handler mapping, in order, that has a handler. */
    static Object ownerOf(DispatcherServlet dispatcher, String method, String url) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, url);
        request.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(request);
        for (HandlerMapping mapping : dispatcher.getHandlerMappings()) {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain != null) {
                return chain.getHandler();
            }
        }
        return null;
    }
}
