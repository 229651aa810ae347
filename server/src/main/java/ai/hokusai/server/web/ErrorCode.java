package ai.hokusai.server.web;

import org.springframework.http.HttpStatus;

/**
 * Every problem {@code code} the API answers with. The spec's {@code Problem.x-problem-codes} lists the same codes
 * with the same status and title; a test keeps the two equal.
 */
public enum ErrorCode {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_API_KEY(HttpStatus.UNAUTHORIZED, "Invalid API key"),
    INSUFFICIENT_SCOPE(HttpStatus.FORBIDDEN, "Insufficient scope"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    API_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "API key not found"),
    INFERENCE_LOG_NOT_FOUND(HttpStatus.NOT_FOUND, "Inference log not found"),
    ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, "Route not found"),
    MODEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Model not found"),
    DEPLOYMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Deployment not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    IDEMPOTENCY_CONFLICT(HttpStatus.CONFLICT, "Idempotency key reused"),
    IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT, "Idempotent request in progress"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    BATCH_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Batch too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    INVALID_REQUEST(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request"),
    INVALID_INPUT(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    MODEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Model unavailable"),
    METERING_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Metering unavailable"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code for an error the servlet container raised itself, before any handler ran. */
    public static ErrorCode forContainerStatus(int status) {
        return switch (status) {
            case 404 -> ROUTE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }

    /** The wire form, e.g. {@code invalid_input}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
