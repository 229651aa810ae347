package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.List;

/** An {@code Idempotency-Key} reused for another request, or whose first request is still running. */
public class IdempotencyConflictException extends DomainException {

    private IdempotencyConflictException(ErrorCode code, String message, Long retryAfterSeconds) {
        super(code, message, List.of(), retryAfterSeconds, null);
    }

    public static IdempotencyConflictException reused(String key) {
        return new IdempotencyConflictException(
                ErrorCode.IDEMPOTENCY_CONFLICT,
                "The Idempotency-Key '" + key
                        + "' was already used with another request. Use a new key for a new request.",
                null);
    }

    public static IdempotencyConflictException inProgress(String key) {
        return new IdempotencyConflictException(
                ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                "The first request with the " + "Idempotency-Key '" + key
                        + "' is still running. Retry shortly to get its answer.",
                1L);
    }
}
