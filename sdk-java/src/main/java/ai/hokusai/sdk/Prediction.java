package ai.hokusai.sdk;

import ai.hokusai.sdk.model.PredictResponse;

/** The answer to one input: one prediction, typed, and who served it. */
public final class Prediction<T> extends PredictionResult {

    private final T prediction;

    Prediction(PredictResponse response, T prediction) {
        super(response);
        this.prediction = prediction;
    }

    public T getPrediction() {
        return prediction;
    }

    @Override
    public String toString() {
        return "Prediction{model=" + getModelId() + ", prediction=" + prediction + ", inferenceLogId="
                + getInferenceLogId() + "}";
    }
}
