package ai.hokusai.server.security;

/** A request without a usable API key. {@code keyMissing} tells no key from a bad key. */
public class AuthenticationException extends RuntimeException {

    private final boolean keyMissing;

    private AuthenticationException(boolean keyMissing, String message) {
        super(message);
        this.keyMissing = keyMissing;
    }

    public static AuthenticationException missing() {
        return new AuthenticationException(true,
                "No API key was sent. Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
    }

    /** One message for unknown, expired and revoked keys: the answer must not help anyone probe keys. */
    public static AuthenticationException invalid() {
        return new AuthenticationException(false, "The API key is not valid (unknown, expired or revoked).");
    }

    public boolean keyMissing() {
        return keyMissing;
    }
}
