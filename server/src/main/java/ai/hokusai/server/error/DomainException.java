package ai.hokusai.server.error;

import java.util.List;
import java.util.OptionalLong;

/**
 * A failure the caller can act on, as data: a stable {@link ErrorCode}, a message fit to show them, the fields at
 * fault and, when waiting helps, how long to wait. Every domain exception extends this; the web layer turns it into a
 * problem in one place, and metering records the same code.
 */
public abstract class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Long retryAfterSeconds;

    protected DomainException(ErrorCode code, String message) {
        this(code, message, List.of(), null, null);
    }

    protected DomainException(
            ErrorCode code, String message, List<FieldViolation> violations, Long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    /** The fields at fault, as JSON pointers into the request; empty when no single field is. */
    public List<FieldViolation> violations() {
        return violations;
    }

    /** How long to wait before retrying, when retrying later can succeed. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
