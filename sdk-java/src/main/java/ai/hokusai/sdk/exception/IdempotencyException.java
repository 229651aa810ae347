package ai.hokusai.sdk.exception;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} clashes with an earlier request of the same key (HTTP 409): it was used within
 * 24 hours with another body or operation ({@code idempotency_conflict}; send the new request with a new key),
 * or its first request is still running ({@code idempotency_in_progress}; retry after {@link #getRetryAfter()}
 * to get that request's answer).
 *
 * <p>A subclass of {@link InvalidRequestException} because a conflict, like any invalid request, fails the same
 * way when sent again unchanged; code that already catches {@code InvalidRequestException} keeps catching it.
 */
public class IdempotencyException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";
    public static final String IDEMPOTENCY_IN_PROGRESS = "idempotency_in_progress";

    private final Duration retryAfter;

    public IdempotencyException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Duration retryAfter,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
        this.retryAfter = retryAfter;
    }

    /** Whether {@code code} is one of the problem codes this exception stands for. */
    public static boolean isIdempotencyCode(String code) {
        return IDEMPOTENCY_CONFLICT.equals(code) || IDEMPOTENCY_IN_PROGRESS.equals(code);
    }

    /** True when the first request with this key is still running, so the same request may be retried later. */
    public boolean isInProgress() {
        return IDEMPOTENCY_IN_PROGRESS.equals(getCode());
    }

    /** How long to wait before retrying a request in progress ({@code Retry-After}), when the server said. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
