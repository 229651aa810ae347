package ai.hokusai.sdk;

import ai.hokusai.sdk.exception.ServerException;
import ai.hokusai.sdk.internal.api.PredictionsApi;
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
 * <p>Any model takes its input as a map, or as a typed object with the output type named
 * ({@code create(ref, input, OutputType.class)}); model 21 (Sales Lead Scoring) takes {@link LeadScoringInput} and
 * answers {@link LeadScore} without naming it. A typed input whose required fields are not all set is not sent:
 * the call throws {@link ai.hokusai.sdk.exception.MissingFieldException} naming them.
 */
public final class PredictionService {

    private final WithRawResponse raw;

    PredictionService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit, replay flag and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** One input of any model, as the JSON object its input schema describes. */
    public Prediction<Map<String, Object>> create(String modelRef, Map<String, ?> input) {
        return raw.create(modelRef, input).getValue();
    }

    public Prediction<Map<String, Object>> create(String modelRef, Map<String, ?> input, RequestOptions options) {
        return raw.create(modelRef, input, options).getValue();
    }

    /** Scores one sales lead with model 21 (or another reference to it: its slug or a deployment UUID). */
    public Prediction<LeadScore> create(String modelRef, LeadScoringInput lead) {
        return raw.create(modelRef, lead).getValue();
    }

    public Prediction<LeadScore> create(String modelRef, LeadScoringInput lead, RequestOptions options) {
        return raw.create(modelRef, lead, options).getValue();
    }

    /** One input of any model, typed, read back as {@code outputType} (its output schema as a class). */
    public <O> Prediction<O> create(String modelRef, Object input, Class<O> outputType) {
        return raw.create(modelRef, input, outputType).getValue();
    }

    public <O> Prediction<O> create(String modelRef, Object input, Class<O> outputType, RequestOptions options) {
        return raw.create(modelRef, input, outputType, options).getValue();
    }

    /** Up to the model's {@code max_batch_size} inputs in one call; the predictions come back in input order. */
    public BatchPrediction<Map<String, Object>> createBatch(String modelRef, List<? extends Map<String, ?>> inputs) {
        return raw.createBatch(modelRef, inputs).getValue();
    }

    public BatchPrediction<Map<String, Object>> createBatch(
            String modelRef, List<? extends Map<String, ?>> inputs, RequestOptions options) {
        return raw.createBatch(modelRef, inputs, options).getValue();
    }

    /** Typed inputs of any model in one call, each prediction read back as {@code outputType}, in input order. */
    public <O> BatchPrediction<O> createBatch(String modelRef, List<?> inputs, Class<O> outputType) {
        return raw.createBatch(modelRef, inputs, outputType).getValue();
    }

    public <O> BatchPrediction<O> createBatch(
            String modelRef, List<?> inputs, Class<O> outputType, RequestOptions options) {
        return raw.createBatch(modelRef, inputs, outputType, options).getValue();
    }

    /** {@link PredictionService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;
        private final RequiredFields requiredFields;
        private final JavaType mapType;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
            ObjectMapper mapper = transport.mapper();
            this.requiredFields = new RequiredFields(mapper);
            this.mapType = mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
        }

        public RawResponse<Prediction<Map<String, Object>>> create(String modelRef, Map<String, ?> input) {
            return create(modelRef, input, RequestOptions.none());
        }

        public RawResponse<Prediction<Map<String, Object>>> create(
                String modelRef, Map<String, ?> input, RequestOptions options) {
            return single(modelRef, Objects.requireNonNull(input, "input"), mapType, options);
        }

        public RawResponse<Prediction<LeadScore>> create(String modelRef, LeadScoringInput lead) {
            return create(modelRef, lead, LeadScore.class, RequestOptions.none());
        }

        public RawResponse<Prediction<LeadScore>> create(
                String modelRef, LeadScoringInput lead, RequestOptions options) {
            return create(modelRef, lead, LeadScore.class, options);
        }

        public <O> RawResponse<Prediction<O>> create(String modelRef, Object input, Class<O> outputType) {
            return create(modelRef, input, outputType, RequestOptions.none());
        }

        public <O> RawResponse<Prediction<O>> create(
                String modelRef, Object input, Class<O> outputType, RequestOptions options) {
            Objects.requireNonNull(input, "input");
            requiredFields.check(input, "/inputs");
            return single(modelRef, input, type(outputType), options);
        }

        public RawResponse<BatchPrediction<Map<String, Object>>> createBatch(
                String modelRef, List<? extends Map<String, ?>> inputs) {
            return createBatch(modelRef, inputs, RequestOptions.none());
        }

        public RawResponse<BatchPrediction<Map<String, Object>>> createBatch(
                String modelRef, List<? extends Map<String, ?>> inputs, RequestOptions options) {
            return batch(modelRef, inputs, mapType, options);
        }

        public <O> RawResponse<BatchPrediction<O>> createBatch(String modelRef, List<?> inputs, Class<O> outputType) {
            return createBatch(modelRef, inputs, outputType, RequestOptions.none());
        }

        public <O> RawResponse<BatchPrediction<O>> createBatch(
                String modelRef, List<?> inputs, Class<O> outputType, RequestOptions options) {
            Objects.requireNonNull(inputs, "inputs");
            requiredFields.check(inputs, "/inputs");
            return batch(modelRef, inputs, type(outputType), options);
        }

        private JavaType type(Class<?> outputType) {
            return transport.mapper().getTypeFactory().constructType(Objects.requireNonNull(outputType, "outputType"));
        }

        private <T> RawResponse<Prediction<T>> single(
                String modelRef, Object input, JavaType type, RequestOptions options) {
            RawResponse<PredictResponse> response = predict(modelRef, input, options);
            Object prediction = response.getValue().getPredictions();
            if (!(prediction instanceof Map)) {
                throw unexpectedShape("one prediction object", response);
            }
            return response.withValue(new Prediction<>(response.getValue(), convert(prediction, type, response)));
        }

        private <T> RawResponse<BatchPrediction<T>> batch(
                String modelRef, List<?> inputs, JavaType type, RequestOptions options) {
            Objects.requireNonNull(inputs, "inputs");
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("a batch needs at least one input");
            }
            RawResponse<PredictResponse> response = predict(modelRef, inputs, options);
            Object predictions = response.getValue().getPredictions();
            if (!(predictions instanceof List) || ((List<?>) predictions).size() != inputs.size()) {
                throw unexpectedShape("an array of " + inputs.size() + " predictions", response);
            }
            List<T> converted = new ArrayList<>(inputs.size());
            for (Object prediction : (List<?>) predictions) {
                converted.add(convert(prediction, type, response));
            }
            return response.withValue(new BatchPrediction<>(response.getValue(), converted));
        }

        private RawResponse<PredictResponse> predict(String modelRef, Object inputs, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            Objects.requireNonNull(options, "options");
            PredictRequest request = new PredictRequest().inputs(inputs);
            return transport.send(
                    Operation.PREDICT,
                    options,
                    (client, headers, requestId) -> new PredictionsApi(client)
                            .predictWithHttpInfo(modelRef, request, requestId, null, headers));
        }

        private <T> T convert(Object prediction, JavaType type, RawResponse<?> response) {
            try {
                return transport.mapper().convertValue(prediction, type);
            } catch (IllegalArgumentException unreadable) {
                throw new ServerException(
                        "The prediction does not have the shape of "
                                + type.getRawClass().getSimpleName() + ": " + unreadable.getMessage(),
                        response.getStatusCode(),
                        null,
                        response.getRequestId(),
                        List.of(),
                        unreadable);
            }
        }

        private static ServerException unexpectedShape(String expected, RawResponse<?> response) {
            return new ServerException(
                    "The server answered with something other than " + expected,
                    response.getStatusCode(),
                    null,
                    response.getRequestId(),
                    List.of(),
                    null);
        }
    }
}
