package ai.hokusai.sdk;

import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.testsupport.ExampleInputs;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Bodies the real server sends, and clients wired to a stub. */
final class TestData {

    static final String LEAD_SCORE = "{\"lead_score\":82,\"conversion_probability\":0.82,\"recommendation\":\"Hot\","
            + "\"factors\":[\"Demo requested\",\"Senior title (VP)\"],\"confidence\":0.64}";
    static final String COLD_SCORE = "{\"lead_score\":12,\"conversion_probability\":0.12,\"recommendation\":\"Cold\","
            + "\"factors\":[],\"confidence\":0.76}";

    /** The operator account, which owns every model that existed before accounts did. */
    static final String OPERATOR_ACCOUNT_ID = "0f6b1c3e-9a2d-4e7f-8b5c-000000000001";
    /** A publisher's account, as the spec's examples name it. */
    static final String ACCOUNT_ID = "5b8e2c1d-3f4a-4b6c-9d7e-1a2b3c4d5e6f";

    static final String MODEL_21 =
            "{\"id\":21,\"visibility\":\"public\",\"owner_account_id\":\"" + OPERATOR_ACCOUNT_ID + "\","
                    + "\"slug\":\"lscor-v2\",\"name\":\"Sales Lead Scoring v2\",\"ticker\":\"LSCOR\","
                    + "\"description\":\"Lead scoring for SaaS sales leads.\",\"tags\":[\"Prediction\",\"Sales\",\"Scoring\"],"
                    + "\"task\":\"tabular-classification\",\"max_batch_size\":100,\"cache_ttl_seconds\":3600,"
                    + "\"input_schema\":{\"type\":\"object\"},\"active_deployment_id\":\"6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21\","
                    + "\"created_at\":\"2026-01-15T09:30:00Z\"}";

    private TestData() {}

    static String predictResponse(String predictions) {
        return "{\"model_id\":21,\"deployment_id\":\"6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21\",\"model_version\":\"2.0.0\","
                + "\"predictions\":" + predictions
                + ",\"metadata\":{\"api_version\":\"1.0.0\",\"runtime\":\"lscor-logistic\","
                + "\"batch_size\":1,\"latency_ms\":0.4,\"request_id\":\"req_1\"},\"timestamp\":\"2026-11-27T09:00:00Z\","
                + "\"inference_log_id\":\"0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c\"}";
    }

    static String problem(int status, String code, String requestId, String errorsJson) {
        return "{\"type\":\"https://api.hokus.ai/docs/errors.html#" + code + "\",\"title\":\"T\",\"status\":" + status
                + ",\"detail\":\"Detail of " + code + "\",\"instance\":\"/api/v1/models/21/predict\",\"code\":\"" + code
                + "\",\"request_id\":\"" + requestId + "\"" + (errorsJson == null ? "" : ",\"errors\":" + errorsJson)
                + "}";
    }

    /** The spec's example lead ({@link ExampleInputs#lead()}), typed. */
    static LeadScoringInput lead() {
        return typed(ExampleInputs.lead());
    }

    /** A model 21 input as the SDK's type; a field the type lacks fails here instead of being dropped. */
    static LeadScoringInput typed(Map<String, Object> input) {
        return new ObjectMapper().convertValue(input, LeadScoringInput.class);
    }

    /** Records the waits between attempts instead of sleeping through them. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static HokusaiClient.Builder clientFor(StubServer stub, RecordingSleeper sleeper) {
        return HokusaiClient.builder()
                .apiKey("hk_test_unit")
                .baseUrl(stub.url())
                .sleeper(sleeper)
                .jitter(() -> 0.5);
    }
}
