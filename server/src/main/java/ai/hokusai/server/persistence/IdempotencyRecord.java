package ai.hokusai.server.persistence;

/** A row of {@code idempotency_keys}: one stored request. {@code responseStatus} and {@code responseBody} are null while it runs. */
public record IdempotencyRecord(byte[] requestHash, String status, Integer responseStatus, String responseBody) {

    public boolean completed() {
        return "completed".equals(status);
    }
}
