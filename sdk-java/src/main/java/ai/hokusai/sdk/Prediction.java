package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.PredictResponse;

/** The answer to one input: one prediction and the call's metadata. */
public final class Prediction<T> extends PredictionResult {

    private final T prediction;

    Prediction(ApiResponse<PredictResponse> response, T prediction) {
        super(response);
        this.prediction = prediction;
    }

    public T getPrediction() {
        return prediction;
    }

    @Override
    public String toString() {
        return "Prediction{model=" + getModelId() + ", prediction=" + prediction + ", requestId=" + getRequestId() + "}";
    }
}
