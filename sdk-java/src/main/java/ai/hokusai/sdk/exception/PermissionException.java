package ai.hokusai.sdk.exception;

import java.util.List;

/** The API key is valid but may not do this (HTTP 403). */
public class PermissionException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public PermissionException(String message, int statusCode, String code, String requestId,
            List<FieldError> fieldErrors, Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }
}
