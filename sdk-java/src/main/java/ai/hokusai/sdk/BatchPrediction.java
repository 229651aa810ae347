package ai.hokusai.sdk;

import ai.hokusai.sdk.model.PredictResponse;
import java.util.List;

/** The answer to a batch: one prediction per input, typed and in input order, and who served them. */
public final class BatchPrediction<T> extends PredictionResult {

    private final List<T> predictions;

    BatchPrediction(PredictResponse response, List<T> predictions) {
        super(response);
        this.predictions = List.copyOf(predictions);
    }

    public List<T> getPredictions() {
        return predictions;
    }

    @Override
    public String toString() {
        return "BatchPrediction{model=" + getModelId() + ", predictions=" + predictions + ", inferenceLogId="
                + getInferenceLogId() + "}";
    }
}
