package ai.hokusai.sdk;

import ai.hokusai.sdk.exception.ApiException;
import ai.hokusai.sdk.internal.api.PredictionsApi;
import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.sdk.model.PredictRequest;
import ai.hokusai.sdk.model.PredictResponse;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Predictions. Every call is a POST with an {@code Idempotency-Key}, so the SDK's automatic retries never
 * run (or bill) a prediction twice.
 *
 * <p>Inputs go as maps for any model; model 21 (Sales Lead Scoring) also takes {@link LeadScoringInput}
 * and answers {@link LeadScore}.
 */
public final class PredictionService {

    private final Transport transport;
    private final JavaType mapType;
    private final JavaType leadScoreType;

    PredictionService(Transport transport) {
        this.transport = transport;
        ObjectMapper mapper = transport.mapper();
        this.mapType = mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
        this.leadScoreType = mapper.getTypeFactory().constructType(LeadScore.class);
    }

    /** One input of any model, as the JSON object its input schema describes. */
    public Prediction<Map<String, Object>> create(String modelRef, Map<String, ?> input) {
        return create(modelRef, input, RequestOptions.none());
    }

    public Prediction<Map<String, Object>> create(String modelRef, Map<String, ?> input, RequestOptions options) {
        return single(modelRef, Objects.requireNonNull(input, "input"), mapType, options);
    }

    /** Up to the model's {@code max_batch_size} inputs in one call; the predictions come back in input order. */
    public BatchPrediction<Map<String, Object>> createBatch(String modelRef, List<? extends Map<String, ?>> inputs) {
        return createBatch(modelRef, inputs, RequestOptions.none());
    }

    public BatchPrediction<Map<String, Object>> createBatch(String modelRef, List<? extends Map<String, ?>> inputs,
                                                           RequestOptions options) {
        return batch(modelRef, inputs, mapType, options);
    }

    /** Scores one sales lead with model 21 (or another reference to it: its slug or a deployment UUID). */
    public Prediction<LeadScore> create(String modelRef, LeadScoringInput lead) {
        return create(modelRef, lead, RequestOptions.none());
    }

    public Prediction<LeadScore> create(String modelRef, LeadScoringInput lead, RequestOptions options) {
        return single(modelRef, Objects.requireNonNull(lead, "lead"), leadScoreType, options);
    }

    /**
     * Scores several sales leads with model 21 in one call. (Named apart from {@code createBatch} because
     * Java cannot overload on a list's element type.)
     */
    public BatchPrediction<LeadScore> createLeadScoreBatch(String modelRef, List<LeadScoringInput> leads) {
        return createLeadScoreBatch(modelRef, leads, RequestOptions.none());
    }

    public BatchPrediction<LeadScore> createLeadScoreBatch(String modelRef, List<LeadScoringInput> leads,
                                                           RequestOptions options) {
        return batch(modelRef, leads, leadScoreType, options);
    }

    private <T> Prediction<T> single(String modelRef, Object input, JavaType type, RequestOptions options) {
        ApiResponse<PredictResponse> response = predict(modelRef, input, options);
        Object prediction = response.getData().getPredictions();
        if (!(prediction instanceof Map)) {
            throw unexpectedShape("one prediction object", response);
        }
        return new Prediction<>(response, convert(prediction, type));
    }

    private <T> BatchPrediction<T> batch(String modelRef, List<?> inputs, JavaType type, RequestOptions options) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        ApiResponse<PredictResponse> response = predict(modelRef, inputs, options);
        Object predictions = response.getData().getPredictions();
        if (!(predictions instanceof List) || ((List<?>) predictions).size() != inputs.size()) {
            throw unexpectedShape("an array of " + inputs.size() + " predictions", response);
        }
        List<T> converted = new ArrayList<>(inputs.size());
        for (Object prediction : (List<?>) predictions) {
            converted.add(convert(prediction, type));
        }
        return new BatchPrediction<>(response, converted);
    }

    private ApiResponse<PredictResponse> predict(String modelRef, Object inputs, RequestOptions options) {
        Objects.requireNonNull(modelRef, "modelRef");
        Objects.requireNonNull(options, "options");
        PredictRequest request = new PredictRequest().inputs(inputs);
        return transport.send(Operation.PREDICT, options, (client, headers, requestId) ->
                new PredictionsApi(client).predictWithHttpInfo(modelRef, request, requestId, null, headers));
    }

    private <T> T convert(Object prediction, JavaType type) {
        try {
            return transport.mapper().convertValue(prediction, type);
        } catch (IllegalArgumentException unreadable) {
            throw new ApiException("The prediction does not have the expected shape: " + unreadable.getMessage(),
                    200, null, null, List.of(), unreadable);
        }
    }

    private static ApiException unexpectedShape(String expected, ApiResponse<PredictResponse> response) {
        return new ApiException("The server answered with something other than " + expected,
                response.getStatusCode(), null, ResponseHeaders.requestId(response.getHeaders()), List.of(), null);
    }
}
