package ai.hokusai.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import ai.hokusai.server.config.ApiSpecDocument;
import org.springframework.stereotype.Component;

/** The spec's routes and the methods each one documents, to answer methods no operation has (OPTIONS, TRACE). */
@Component
public class SpecRoutes {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private record Route(Pattern pattern, Set<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public SpecRoutes(ApiSpecDocument spec) {
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        paths.forEach((path, item) -> {
            Set<String> methods = new TreeSet<>();
            ((Map<String, Object>) item).keySet().stream().filter(METHODS::contains)
                    .forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
            String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(Pattern.compile(regex), Set.copyOf(methods)));
        });
    }

    /** The methods the spec documents for this path, e.g. {@code GET}; empty when no route of the spec has it. */
    public Optional<Set<String>> methodsOf(String path) {
        return routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst().map(Route::methods);
    }
}
