package ai.hokusai.server.security;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** A request without a usable API key: {@code authentication_required} when none was sent, else {@code invalid_api_key}. */
public class AuthenticationException extends DomainException {

    private AuthenticationException(ErrorCode code, String message) {
        super(code, message);
    }

    public static AuthenticationException missing() {
        return new AuthenticationException(
                ErrorCode.AUTHENTICATION_REQUIRED,
                "No API key was sent. Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
    }

    /** One message for unknown, expired and revoked keys: the answer must not help anyone probe keys. */
    public static AuthenticationException invalid() {
        return new AuthenticationException(
                ErrorCode.INVALID_API_KEY, "The API key is not valid (unknown, expired or revoked).");
    }

    /** Two credentials, or one header sent twice: which one is meant cannot be told, so none is. */
    public static AuthenticationException ambiguous() {
        return new AuthenticationException(
                ErrorCode.INVALID_API_KEY,
                "Send exactly one API key, in one 'Authorization: Bearer <key>' or one 'X-API-Key: <key>' header.");
    }
}
