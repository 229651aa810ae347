package ai.hokusai.sdk.exception;

import java.util.List;
import java.util.Optional;

/**
 * The API key is valid but may not do this (HTTP 403): it lacks the scope the operation needs
 * ({@code insufficient_scope}; {@link #getRequiredScope()} names it), or the object belongs to another key
 * ({@code forbidden}: only the key that made a prediction may report its outcome).
 */
public class PermissionException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    private final String requiredScope;

    public PermissionException(String message, int statusCode, String code, String requestId,
            List<FieldError> fieldErrors, Throwable cause) {
        this(message, statusCode, code, requestId, fieldErrors, null, cause);
    }

    public PermissionException(String message, int statusCode, String code, String requestId,
            List<FieldError> fieldErrors, String requiredScope, Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
        this.requiredScope = requiredScope;
    }

    /**
     * The scope the key lacks ({@code predict}, {@code models:read}, {@code models:write} or {@code admin}), as
     * the operation's {@code x-required-scope} gives it; empty unless the code is {@code insufficient_scope}.
     */
    public Optional<String> getRequiredScope() {
        return Optional.ofNullable(requiredScope);
    }
}
