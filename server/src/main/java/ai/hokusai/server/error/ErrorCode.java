package ai.hokusai.server.error;

import java.util.Locale;

/**
 * Every problem {@code code} the API answers with, named once for every layer. What a code means on the wire — its
 * HTTP status and title — is the spec's {@code Problem.x-problem-codes}, read by the web layer; nothing below the
 * web layer knows about HTTP.
 */
public enum ErrorCode {
    BAD_REQUEST,
    INVALID_PARAMETER,
    MALFORMED_JSON,
    AUTHENTICATION_REQUIRED,
    INVALID_API_KEY,
    INSUFFICIENT_SCOPE,
    FORBIDDEN,
    API_KEY_NOT_FOUND,
    ACCOUNT_NOT_FOUND,
    INFERENCE_LOG_NOT_FOUND,
    ROUTE_NOT_FOUND,
    MODEL_NOT_FOUND,
    DEPLOYMENT_NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    REQUEST_TIMEOUT,
    SLUG_TAKEN,
    VERSION_TAKEN,
    ACCOUNT_SLUG_TAKEN,
    DEPLOYMENT_NOT_READY,
    DEPLOYMENT_ACTIVE,
    IDEMPOTENCY_CONFLICT,
    IDEMPOTENCY_IN_PROGRESS,
    PAYLOAD_TOO_LARGE,
    BATCH_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    INVALID_REQUEST,
    INVALID_INPUT,
    INVALID_TENSOR,
    RATE_LIMITED,
    INTERNAL_ERROR,
    MODEL_UNAVAILABLE,
    METERING_UNAVAILABLE,
    SERVICE_UNAVAILABLE,
    CREDENTIALS_UNAVAILABLE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The wire form, e.g. {@code invalid_input}. */
    public String code() {
        return wire;
    }
}
