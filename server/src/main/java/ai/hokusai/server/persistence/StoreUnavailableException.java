package ai.hokusai.server.persistence;

/** The shared database cannot be reached; the request was not served and nothing was charged. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
