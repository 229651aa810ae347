package ai.hokusai.server.security;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.List;

/** The key is over one of its limits. */
public class RateLimitedException extends DomainException {

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, message, List.of(), retryAfterSeconds, null);
    }
}
