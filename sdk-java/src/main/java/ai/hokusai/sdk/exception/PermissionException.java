package ai.hokusai.sdk.exception;

import java.util.List;
import java.util.Optional;

/**
 * The API key is valid but may not do this (HTTP 403): it lacks the scope the operation needs
 * ({@code insufficient_scope}; {@link #getRequiredScope()} names it), or the object belongs to another key or account
 * ({@code forbidden}: only the key that made a prediction may report its outcome, only a model's own account may change
 * it, deploy it or read its usage, and no key may grant a scope it does not hold).
 */
public class PermissionException extends HokusaiException {

    private static final long serialVersionUID = 1L;

    private final String requiredScope;

    public PermissionException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            Throwable cause) {
        this(message, statusCode, code, requestId, fieldErrors, null, cause);
    }

    public PermissionException(
            String message,
            int statusCode,
            String code,
            String requestId,
            List<FieldError> fieldErrors,
            String requiredScope,
            Throwable cause) {
        super(message, statusCode, code, requestId, fieldErrors, cause);
        this.requiredScope = requiredScope;
    }

    /**
     * The scope the key lacks ({@code predict}, {@code models:read}, {@code models:write}, {@code admin} or
     * {@code platform:admin}), as the operation's {@code x-required-scope} gives it; empty unless the code is
     * {@code insufficient_scope}.
     */
    public Optional<String> getRequiredScope() {
        return Optional.ofNullable(requiredScope);
    }
}
