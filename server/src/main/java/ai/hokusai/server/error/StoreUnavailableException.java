package ai.hokusai.server.error;

import java.util.List;

/**
 * The shared database cannot be reached; the request was not served and nothing was charged. The message is the
 * caller's; what failed is in the cause, for the log.
 */
public class StoreUnavailableException extends DomainException {

    public static final String MESSAGE =
            "The service cannot reach its database right now. Nothing was charged; retry shortly.";
    private static final long RETRY_AFTER_SECONDS = 5;

    public StoreUnavailableException(Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE, MESSAGE, List.of(), RETRY_AFTER_SECONDS, cause);
    }
}
