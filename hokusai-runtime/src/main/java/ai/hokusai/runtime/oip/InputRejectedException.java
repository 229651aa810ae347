package ai.hokusai.runtime.oip;

/**
 * The request fit the model's signature, but the model refused its values while running (a token id beyond the
 * vocabulary, say): the caller's fault, though no single tensor is known to be at fault. The message is the model's
 * own reason.
 */
public class InputRejectedException extends RuntimeException {

    public InputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
