package ai.hokusai.sdk.exception;

import java.util.List;

/** No model, deployment or route answers to the reference (HTTP 404). */
public class NotFoundException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }
}
