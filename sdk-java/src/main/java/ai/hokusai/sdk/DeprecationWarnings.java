package ai.hokusai.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says once per operation, per client, when the server answers with an RFC 9745 {@code Deprecation} header: the
 * call (or fields of its answer) will go away, on the RFC 8594 {@code Sunset} date if the server gives one, and the
 * {@code Link} with {@code rel="deprecation"} says how to migrate. Logged through {@code java.util.logging}, which
 * every logging framework can route, so the SDK needs no logging dependency.
 */
final class DeprecationWarnings {

    static final Logger LOGGER = Logger.getLogger("ai.hokusai.sdk.deprecation");

    private final Set<Operation> warned = ConcurrentHashMap.newKeySet();

    /** Warns if the answer to {@code operation} says it is deprecated and this client has not said so yet. */
    void check(Operation operation, Map<String, List<String>> headers) {
        Optional<String> deprecation = ResponseHeaders.first(headers, "Deprecation");
        if (deprecation.isEmpty() || !warned.add(operation)) {
            return;
        }
        StringBuilder message = new StringBuilder("Hokusai API: ").append(operation.operationId())
                .append(" answers with deprecated fields or is deprecated (Deprecation: ").append(deprecation.get()).append(')');
        ResponseHeaders.first(headers, "Sunset").ifPresent(sunset -> message.append("; removed after ").append(sunset));
        deprecationLink(headers).ifPresent(link -> message.append("; how to migrate: ").append(link));
        LOGGER.log(Level.WARNING, message.toString());
    }

    /** The target of the {@code Link} whose relation is {@code deprecation}, if any. */
    static Optional<String> deprecationLink(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!"Link".equalsIgnoreCase(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                for (String link : value.split(",(?=\\s*<)")) {
                    String trimmed = link.trim();
                    if (trimmed.startsWith("<") && trimmed.contains(">")
                            && trimmed.substring(trimmed.indexOf('>')).matches("(?s).*;\\s*rel=\"?([^\";]*\\s)?deprecation(\\s[^\";]*)?\"?.*")) {
                        return Optional.of(trimmed.substring(1, trimmed.indexOf('>')));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
