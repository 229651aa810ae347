package ai.hokusai.sdk;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings for one call that override the client's: another API key, your own idempotency key or
 * request id, a different timeout or retry budget. Immutable; build one with {@link #builder()}.
 */
public final class RequestOptions {

    private static final RequestOptions NONE = builder().build();

    private final String apiKey;
    private final String idempotencyKey;
    private final String requestId;
    private final Duration timeout;
    private final Integer maxRetries;

    private RequestOptions(Builder builder) {
        this.apiKey = builder.apiKey;
        this.idempotencyKey = builder.idempotencyKey;
        this.requestId = builder.requestId;
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
    }

    /** No overrides: the client's settings apply. */
    public static RequestOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> getApiKey() {
        return Optional.ofNullable(apiKey);
    }

    public Optional<String> getIdempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public Optional<String> getRequestId() {
        return Optional.ofNullable(requestId);
    }

    public Optional<Duration> getTimeout() {
        return Optional.ofNullable(timeout);
    }

    public Optional<Integer> getMaxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder()
                .apiKey(apiKey)
                .idempotencyKey(idempotencyKey)
                .requestId(requestId)
                .timeout(timeout)
                .maxRetries(maxRetries);
    }

    public static final class Builder {

        private String apiKey;
        private String idempotencyKey;
        private String requestId;
        private Duration timeout;
        private Integer maxRetries;

        private Builder() {}

        /** The API key for this call instead of the client's. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The {@code Idempotency-Key} of a POST. Without one the SDK makes a random key per call, which
         * protects its own retries; pass your own to make your retries of the same call safe too.
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Your id for this request, sent as {@code X-Request-Id} and echoed in the server's logs and errors. */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** How long one attempt may wait for the response. */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** How many times this call may be retried; 0 sends it once. */
        public Builder maxRetries(Integer maxRetries) {
            if (maxRetries != null && maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
