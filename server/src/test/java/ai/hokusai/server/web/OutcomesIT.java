package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Outcomes: only the key that made the prediction may report it; unknown ids 404, bad values 422. */
class OutcomesIT extends ServerIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String outcome(String inferenceLogId, String score, String type) {
        return "{\"inference_log_id\": \"" + inferenceLogId + "\", \"outcome_score\": " + score + ", \"outcome_type\": "
                + type + "}";
    }

    private static String predict(TestHttp caller) {
        TestHttp.Response response = caller.postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("inference_log_id").asString();
    }

    @Test
    void theKeyThatPredictedMayReportTheOutcomeAtOnce() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp caller = http().withKey(key.secret());
        String logId = predict(caller);

        // Reported straight away: the prediction's record may still be waiting in the metering buffer.
        TestHttp.Response response = caller.postJson("/api/v1/outcomes", outcome(logId, "1", "\"conversion\""));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("inference_log_id").asString()).isEqualTo(logId);
        assertThat(body.get("outcome_type").asString()).isEqualTo("conversion");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outcomes WHERE inference_log_id = ? AND api_key_id = ?",
                        Long.class,
                        UUID.fromString(logId),
                        key.id()))
                .isEqualTo(1);
    }

    @Test
    void anotherKeyMayNotReportIt() {
        String logId = predict(http().withKey(
                        TestKeys.create(http(), List.of("predict"), null, null).secret()));
        TestHttp other = http().withKey(
                        TestKeys.create(http(), List.of("predict"), null, null).secret());

        TestHttp.Response response = other.postJson("/api/v1/outcomes", outcome(logId, "0", "\"conversion\""));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outcomes WHERE inference_log_id = ?", Long.class, UUID.fromString(logId)))
                .isZero();
    }

    @Test
    void anUnknownInferenceLogIs404() {
        TestHttp.Response response =
                http().postJson("/api/v1/outcomes", outcome(UUID.randomUUID().toString(), "1", "\"conversion\""));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("inference_log_not_found");
    }

    @Test
    void invalidValuesAre422() {
        String logId = predict(http());
        for (String body : List.of(
                outcome(logId, "1.5", "\"conversion\""),
                outcome(logId, "-1", "\"conversion\""),
                outcome(logId, "1", "\"Not Snake\""),
                outcome(logId, "\"high\"", "\"conversion\""),
                "{\"inference_log_id\": \"" + logId + "\", \"outcome_score\": 1}",
                outcome("not-a-uuid", "1", "\"conversion\""))) {
            TestHttp.Response response = http().postJson("/api/v1/outcomes", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(422);
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_request");
        }
    }
}
