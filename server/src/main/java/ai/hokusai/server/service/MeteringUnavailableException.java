package ai.hokusai.server.service;

/** The metering buffer is full: the prediction is refused rather than served unmetered. */
public class MeteringUnavailableException extends RuntimeException {

    public MeteringUnavailableException() {
        super("Predictions cannot be metered right now, so none is served. Nothing was charged; retry shortly.");
    }
}
