package ai.hokusai.sdk.exception;

import java.util.List;

/**
 * Every failure of a Hokusai call. Catch a subclass to react to one kind of failure, or this class to
 * handle them all; quote {@link #getRequestId()} to support.
 */
public class HokusaiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String code;
    private final String requestId;
    private final List<FieldError> fieldErrors;

    public HokusaiException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.code = code;
        this.requestId = requestId;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    /** The HTTP status of the response, or 0 when no response arrived. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The problem's stable, machine-readable code (for example {@code model_not_found}), or null. */
    public String getCode() {
        return code;
    }

    /** The id the server logged this request under, or null when no response arrived. */
    public String getRequestId() {
        return requestId;
    }

    /** One entry per invalid field; empty unless the request was invalid. */
    public List<FieldError> getFieldErrors() {
        return fieldErrors;
    }
}
