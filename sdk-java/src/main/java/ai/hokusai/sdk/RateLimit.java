package ai.hokusai.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The key's quota as the last response told it: the {@code RateLimit} header names the policy closest to its
 * limit, how many requests remain in it and when its window resets; {@code RateLimit-Policy} adds that
 * policy's quota and window (draft-ietf-httpapi-ratelimit-headers).
 */
public final class RateLimit {

    private final String policy;
    private final long remaining;
    private final Duration reset;
    private final Long quota;
    private final Duration window;

    RateLimit(String policy, long remaining, Duration reset, Long quota, Duration window) {
        this.policy = policy;
        this.remaining = remaining;
        this.reset = reset;
        this.quota = quota;
        this.window = window;
    }

    /**
     * The rate limit the response headers describe, or empty when they carry none (a call without a valid key,
     * or a header this SDK cannot read: a quota it cannot read must not fail the call it came with).
     */
    static Optional<RateLimit> from(Map<String, List<String>> headers) {
        Optional<String> rateLimit = ResponseHeaders.first(headers, "RateLimit");
        if (rateLimit.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> closest = parseItems(rateLimit.get());
        if (closest.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, Map<String, String>> item =
                closest.entrySet().iterator().next();
        Long remaining = number(item.getValue().get("r"));
        Long reset = number(item.getValue().get("t"));
        if (remaining == null || reset == null) {
            return Optional.empty();
        }
        Map<String, String> policy = ResponseHeaders.first(headers, "RateLimit-Policy")
                .map(RateLimit::parseItems)
                .map(policies -> policies.get(item.getKey()))
                .orElse(Map.of());
        Long window = number(policy.get("w"));
        return Optional.of(new RateLimit(
                item.getKey(),
                remaining,
                Duration.ofSeconds(reset),
                number(policy.get("q")),
                window == null ? null : Duration.ofSeconds(window)));
    }

    /** The policy's name, such as {@code hour} or {@code minute}. */
    public String getPolicy() {
        return policy;
    }

    /** Requests left in the policy's current window. */
    public long getRemaining() {
        return remaining;
    }

    /** Time until the policy's window resets. */
    public Duration getReset() {
        return reset;
    }

    /** Requests the policy allows per window, when {@code RateLimit-Policy} said. */
    public OptionalLong getQuota() {
        return quota == null ? OptionalLong.empty() : OptionalLong.of(quota);
    }

    /** The policy's window, when {@code RateLimit-Policy} said. */
    public Optional<Duration> getWindow() {
        return Optional.ofNullable(window);
    }

    @Override
    public String toString() {
        return "RateLimit{policy=" + policy + ", remaining=" + remaining + ", reset=" + reset
                + (quota == null ? "" : ", quota=" + quota) + (window == null ? "" : ", window=" + window) + "}";
    }

    /** {@code "hour";r=997;t=1740, "minute";…} as name → parameters, in header order. */
    private static Map<String, Map<String, String>> parseItems(String header) {
        Map<String, Map<String, String>> items = new LinkedHashMap<>();
        for (String item : header.split(",")) {
            String[] parts = item.trim().split(";");
            String name = unquote(parts[0].trim());
            if (name.isEmpty()) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].trim().split("=", 2);
                if (pair.length == 2) {
                    parameters.put(pair[0].trim(), unquote(pair[1].trim()));
                }
            }
            items.putIfAbsent(name, parameters);
        }
        return items;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            return parsed < 0 ? null : parsed;
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
