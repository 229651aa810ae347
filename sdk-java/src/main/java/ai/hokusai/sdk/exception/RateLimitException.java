package ai.hokusai.sdk.exception;

import ai.hokusai.sdk.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The API key sent more requests than its quota allows (HTTP 429), and the retries ran out. */
public class RateLimitException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;
    private final transient RateLimit rateLimit;

    public RateLimitException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Duration retryAfter,
            Throwable cause) {
        this(message, statusCode, code, requestId, fieldErrors, retryAfter, null, cause);
    }

    public RateLimitException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Duration retryAfter,
            RateLimit rateLimit,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
        this.retryAfter = retryAfter;
        this.rateLimit = rateLimit;
    }

    /** How long the server asked to wait before the next request ({@code Retry-After}), when it said. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The exhausted policy (which one, its quota and when it resets), when the response described it. */
    public Optional<RateLimit> getRateLimit() {
        return Optional.ofNullable(rateLimit);
    }
}
