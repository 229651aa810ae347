package ai.hokusai.sdk.exception;

import java.util.List;

/**
 * No response arrived: the connection failed, was cut, or timed out, and the retries ran out.
 * A POST may still have reached the server; sending it again with the same idempotency key is safe.
 */
public class ApiConnectionException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    public ApiConnectionException(String message, Throwable cause) {
        super(message, 0, null, null, List.of(), cause);
    }
}
