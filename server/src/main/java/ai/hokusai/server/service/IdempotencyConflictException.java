package ai.hokusai.server.service;

/** An {@code Idempotency-Key} reused for another request, or whose first request is still running. */
public class IdempotencyConflictException extends RuntimeException {

    private final boolean inProgress;

    private IdempotencyConflictException(boolean inProgress, String message) {
        super(message);
        this.inProgress = inProgress;
    }

    public static IdempotencyConflictException reused(String key) {
        return new IdempotencyConflictException(false, "The Idempotency-Key '" + key
                + "' was already used with another request. Use a new key for a new request.");
    }

    public static IdempotencyConflictException inProgress(String key) {
        return new IdempotencyConflictException(true, "The first request with the Idempotency-Key '" + key
                + "' is still running. Retry shortly to get its answer.");
    }

    public boolean inProgress() {
        return inProgress;
    }
}
