package ai.hokusai.sdk.exception;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request cannot be served as sent: a parameter or input breaks its schema (400, 422), the method
 * or media type is wrong (405, 415), the batch is too large (413), or another 4xx. Sending it again
 * unchanged fails the same way; {@link #getFieldErrors()} says what to fix.
 */
public class InvalidRequestException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }

    /** The JSON pointers of the invalid fields, in the server's order. */
    public List<String> getPointers() {
        return getFieldErrors().stream().map(FieldError::getPointer).collect(Collectors.toList());
    }
}
