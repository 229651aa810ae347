package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.PredictResponse;
import java.util.List;

/** The answer to a batch: one prediction per input, in input order, and the call's metadata. */
public final class BatchPrediction<T> extends PredictionResult {

    private final List<T> predictions;

    BatchPrediction(ApiResponse<PredictResponse> response, List<T> predictions) {
        super(response);
        this.predictions = List.copyOf(predictions);
    }

    public List<T> getPredictions() {
        return predictions;
    }

    @Override
    public String toString() {
        return "BatchPrediction{model=" + getModelId() + ", predictions=" + predictions
                + ", requestId=" + getRequestId() + "}";
    }
}
