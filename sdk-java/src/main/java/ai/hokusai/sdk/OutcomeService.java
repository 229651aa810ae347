package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.OutcomesApi;
import ai.hokusai.sdk.model.Outcome;
import ai.hokusai.sdk.model.OutcomeRequest;
import java.util.Objects;
import java.util.UUID;

/**
 * What really happened to scored inputs, reported back to improve the model. Only the key that made a
 * prediction may report its outcome. Every report carries an {@code Idempotency-Key}, so the SDK's retries
 * never record it twice.
 */
public final class OutcomeService {

    private final WithRawResponse raw;

    OutcomeService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /**
     * Reports the outcome of one prediction.
     *
     * @param inferenceLogId the prediction's {@link PredictionResult#getInferenceLogId()}
     * @param outcomeScore   the observed outcome, 0 to 1 (for {@code conversion}: 1 converted, 0 did not)
     * @param outcomeType    what was observed, in snake_case, such as {@code conversion}
     */
    public Outcome report(UUID inferenceLogId, double outcomeScore, String outcomeType) {
        return raw.report(inferenceLogId, outcomeScore, outcomeType).getValue();
    }

    public Outcome report(UUID inferenceLogId, double outcomeScore, String outcomeType, RequestOptions options) {
        return raw.report(inferenceLogId, outcomeScore, outcomeType, options).getValue();
    }

    /** {@link OutcomeService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<Outcome> report(UUID inferenceLogId, double outcomeScore, String outcomeType) {
            return report(inferenceLogId, outcomeScore, outcomeType, RequestOptions.none());
        }

        public RawResponse<Outcome> report(
                UUID inferenceLogId, double outcomeScore, String outcomeType, RequestOptions options) {
            OutcomeRequest request = new OutcomeRequest()
                    .inferenceLogId(Objects.requireNonNull(inferenceLogId, "inferenceLogId"))
                    .outcomeScore(outcomeScore)
                    .outcomeType(Objects.requireNonNull(outcomeType, "outcomeType"));
            return transport.send(
                    Operation.REPORT_OUTCOME,
                    options,
                    (client, headers, requestId) ->
                            new OutcomesApi(client).reportOutcomeWithHttpInfo(request, requestId, null, headers));
        }
    }
}
