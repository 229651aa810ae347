package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.List;

/** The metering buffer is full: the prediction is refused rather than served unmetered. */
public class MeteringUnavailableException extends DomainException {

    public MeteringUnavailableException() {
        super(
                ErrorCode.METERING_UNAVAILABLE,
                "Predictions cannot be metered right now, so none is served. Nothing " + "was charged; retry shortly.",
                List.of(),
                5L,
                null);
    }
}
