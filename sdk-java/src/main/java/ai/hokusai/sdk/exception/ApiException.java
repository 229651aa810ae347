package ai.hokusai.sdk.exception;

import java.util.List;

/** The server failed (HTTP 5xx) or answered in a way this SDK cannot read. Quote the request id to support. */
public class ApiException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public ApiException(String message, int statusCode, String code, String requestId,
            List<FieldError> fieldErrors, Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }
}
