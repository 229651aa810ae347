package ai.hokusai.server.registry;

/** A model exists but cannot serve: it has no active deployment, or its artifact failed to load. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
