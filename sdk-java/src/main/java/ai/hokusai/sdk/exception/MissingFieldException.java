package ai.hokusai.sdk.exception;

import java.util.List;

/**
 * A typed input lacks fields its schema requires, so the SDK did not send it: {@link #getFieldErrors()} names each
 * one by the JSON pointer the server would have used ({@code /inputs/title}, or {@code /inputs/2/title} in a batch).
 * No request was made, so {@link #getStatusCode()} is 0 and there is no request id.
 */
public class MissingFieldException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public MissingFieldException(String message, List<FieldError> fieldErrors) {
        super(message, 0, null, null, fieldErrors, null);
    }
}
