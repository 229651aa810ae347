package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.PredictResponse;
import ai.hokusai.sdk.model.PredictionMetadata;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** What every predict call answers besides the predictions: who served it, when, and how to refer to it. */
public abstract class PredictionResult {

    private final PredictResponse response;
    private final String requestId;
    private final RateLimit rateLimit;
    private final boolean replayed;

    PredictionResult(ApiResponse<PredictResponse> response) {
        this.response = response.getData();
        this.requestId = ResponseHeaders.requestId(response.getHeaders());
        this.rateLimit = RateLimit.from(response.getHeaders()).orElse(null);
        this.replayed = ResponseHeaders.first(response.getHeaders(), "Idempotent-Replayed")
                .map("true"::equalsIgnoreCase).orElse(false);
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

    /** The request id the server logged this call under ({@code X-Request-Id}). */
    public String getRequestId() {
        return requestId;
    }

    /** The key's quota after this call, when the response carried the {@code RateLimit} headers. */
    public Optional<RateLimit> getRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /**
     * True when this is the stored answer to an earlier call with the same {@code Idempotency-Key}
     * ({@code Idempotent-Replayed}): the model did not run again and the call was not metered again.
     */
    public boolean isReplayed() {
        return replayed;
    }
}
