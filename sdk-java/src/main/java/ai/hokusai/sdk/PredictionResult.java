package ai.hokusai.sdk;

import ai.hokusai.sdk.model.PredictResponse;
import ai.hokusai.sdk.model.PredictionMetadata;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What every predict call answers besides the predictions: who served it, when, and how to refer to it. */
public abstract class PredictionResult {

    private final PredictResponse response;

    PredictionResult(PredictResponse response) {
        this.response = response;
    }

    /** The public number of the model that answered. */
    public Integer getModelId() {
        return response.getModelId();
    }

    /** The deployment that answered. */
    public UUID getDeploymentId() {
        return response.getDeploymentId();
    }

    public String getModelVersion() {
        return response.getModelVersion();
    }

    public PredictionMetadata getMetadata() {
        return response.getMetadata();
    }

    public OffsetDateTime getTimestamp() {
        return response.getTimestamp();
    }

    /** The id of this call's record; quote it when reporting the real outcome. */
    public UUID getInferenceLogId() {
        return response.getInferenceLogId();
    }
}
