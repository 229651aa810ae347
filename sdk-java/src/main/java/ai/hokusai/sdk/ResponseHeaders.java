package ai.hokusai.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads response headers by name; the maps keep the server's spelling, and header names are case-insensitive. */
final class ResponseHeaders {

    private ResponseHeaders() {}

    static Optional<String> first(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    static String requestId(Map<String, List<String>> headers) {
        return first(headers, "X-Request-Id").orElse(null);
    }
}
