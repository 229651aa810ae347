package ai.hokusai.server.service;

/** The object belongs to another API key. */
public class NotOwnerException extends RuntimeException {

    public NotOwnerException(String message) {
        super(message);
    }
}
