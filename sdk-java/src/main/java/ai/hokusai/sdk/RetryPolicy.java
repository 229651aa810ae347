package ai.hokusai.sdk;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Which responses are worth another attempt, and how long to wait before it.
 *
 * <p>Only a failed connection, 429 and 503 are retried: they say nothing about the request itself, so the
 * same request may succeed later. Every other status would fail again, and a 500 may mean the work was
 * partly done.
 */
final class RetryPolicy {

    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** A longer Retry-After is a quota reset, not a hiccup: waiting it out silently would look like a hang. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final DoubleSupplier jitter;

    /** @param jitter uniform in [0, 1) */
    RetryPolicy(DoubleSupplier jitter) {
        this.jitter = jitter;
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status == 503;
    }

    /**
     * The wait before retry number {@code retry} (0 for the first): the server's {@code Retry-After} when it
     * gave a usable one, else exponential backoff with full jitter, so that clients that failed together
     * do not come back together.
     */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent() && retryAfter.get().compareTo(MAX_RETRY_AFTER) <= 0) {
            return retryAfter.get();
        }
        long bound = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(retry, 20));
        return Duration.ofMillis((long) (bound * jitter.getAsDouble()));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.firstValue("Retry-After").map(String::trim).flatMap(RetryPolicy::parseRetryAfter);
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
