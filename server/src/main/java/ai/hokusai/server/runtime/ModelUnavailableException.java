package ai.hokusai.server.runtime;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.List;

/** A model exists but cannot serve: it has no active deployment, or its artifact failed to load. */
public class ModelUnavailableException extends DomainException {

    private static final long RETRY_AFTER_SECONDS = 30;

    public ModelUnavailableException(String message) {
        this(message, null);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(ErrorCode.MODEL_UNAVAILABLE, message, List.of(), RETRY_AFTER_SECONDS, cause);
    }
}
