package ai.hokusai.sdk.exception;

import java.util.List;

/**
 * The server failed (HTTP 5xx) or answered in a way this SDK cannot read. Quote the request id to support.
 * (Named apart from the generated client's internal {@code ApiException}, which never reaches callers.)
 */
public class ServerException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public ServerException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
    }
}
