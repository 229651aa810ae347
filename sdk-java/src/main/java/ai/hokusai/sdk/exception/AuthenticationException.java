package ai.hokusai.sdk.exception;

import java.util.List;

/** The API key is missing, unknown, expired or revoked (HTTP 401). */
public class AuthenticationException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }
}
