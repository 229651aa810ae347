package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Every predict leaves one inference_logs record, which usage counts and outcomes refer to. */
class MeteringIT extends ServerIntegrationTest {

    private static final String PREDICT = "/api/v1/models/21/predict";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InferenceMeter meter;

    private void awaitWritten() throws InterruptedException {
        for (int i = 0; i < 200 && meter.backlog() > 0; i++) {
            Thread.sleep(25);
        }
        assertThat(meter.backlog()).isZero();
    }

    @Test
    void aPredictIsRecordedWithItsFacts() throws InterruptedException {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp.Response response = http().withKey(key.secret())
                .send(
                        "POST",
                        PREDICT,
                        Map.of("Content-Type", "application/json", "X-Request-Id", "metering-facts-1"),
                        ExampleInputs.predictRequestJson());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        UUID id = UUID.fromString(response.json().get("inference_log_id").asString());
        awaitWritten();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM inference_logs WHERE id = ?", id);
        assertThat(row.get("api_key_id")).isEqualTo(key.id());
        assertThat(row.get("model_id")).isEqualTo(21);
        assertThat(row.get("deployment_id").toString())
                .isEqualTo(response.json().get("deployment_id").asString());
        assertThat(row.get("model_version"))
                .isEqualTo(response.json().get("model_version").asString());
        assertThat(row.get("request_id")).isEqualTo("metering-facts-1");
        assertThat(row.get("status")).isEqualTo("succeeded");
        assertThat(row.get("prediction_count")).isEqualTo(1);
        assertThat((Double) row.get("latency_ms")).isPositive();
        assertThat((String) row.get("input_payload"))
                .contains((String) ExampleInputs.lead().get("title"));
        assertThat((String) row.get("output_payload")).contains("lead_score");
        assertThat(row.get("payload_truncated")).isEqualTo(false);
        assertThat((String) row.get("input_payload")).startsWith("{").endsWith("}");
        assertThat(row.get("started_at")).isNotNull();
        assertThat(row.get("completed_at")).isNotNull();
    }

    @Test
    void payloadsLongerThanTheCapAreCutAndMarked() throws InterruptedException {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        String lead = ExampleInputs.leadJson();
        String batch = "{\"inputs\": [" + String.join(", ", java.util.Collections.nCopies(40, lead)) + "]}";
        TestHttp.Response response = http().withKey(key.secret()).postJson(PREDICT, batch);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        UUID id = UUID.fromString(response.json().get("inference_log_id").asString());
        awaitWritten();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT input_payload, output_payload, payload_truncated FROM inference_logs WHERE id = ?", id);
        assertThat(row.get("payload_truncated")).isEqualTo(true);
        // payload-max-chars (4096): the first characters of the JSON, exactly as many as the cap.
        assertThat((String) row.get("input_payload"))
                .hasSize(4096)
                .startsWith("[{\"")
                .contains((String) ExampleInputs.lead().get("title"));
        assertThat((String) row.get("output_payload"))
                .hasSizeLessThanOrEqualTo(4096)
                .startsWith("[{\"")
                .contains("lead_score");
    }

    @Test
    void aFailedPredictIsRecordedAsFailedAndNotCounted() throws InterruptedException {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp.Response response =
                http().withKey(key.secret()).postJson(PREDICT, "{\"inputs\": {\"company_size\": \"many\"}}");
        assertThat(response.status()).isEqualTo(422);
        awaitWritten();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT status, error_code, prediction_count FROM inference_logs WHERE api_key_id = ?", key.id());
        assertThat(row)
                .containsEntry("status", "failed")
                .containsEntry("error_code", "invalid_input")
                .containsEntry("prediction_count", 0);
        assertThat(http().withKey(key.secret())
                        .get("/api/v1/usage")
                        .json()
                        .get("data")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void usageCountsCallsAndInputsPerModelPerDay() throws InterruptedException {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp caller = http().withKey(key.secret());
        String lead = ExampleInputs.leadJson();
        assertThat(caller.postJson(PREDICT, ExampleInputs.predictRequestJson()).status())
                .isEqualTo(200);
        assertThat(caller.postJson(PREDICT, "{\"inputs\": [" + lead + ", " + lead + "]}")
                        .status())
                .isEqualTo(200);
        awaitWritten();

        for (String query : List.of("", "?model=21", "?model=lscor-v2", "?from=" + today() + "&to=" + today())) {
            JsonNode usage = caller.get("/api/v1/usage" + query).json();
            assertThat(usage.get("key_id").asString()).isEqualTo(key.id().toString());
            assertThat(usage.get("data")).hasSize(1);
            JsonNode row = usage.get("data").get(0);
            assertThat(row.get("date").asString()).isEqualTo(today().toString());
            assertThat(row.get("model_id").asInt()).isEqualTo(21);
            assertThat(row.get("requests").asLong()).as(query).isEqualTo(2);
            assertThat(row.get("predictions").asLong()).isEqualTo(3);
        }
        assertThat(caller.get("/api/v1/usage?to=" + today().minusDays(1))
                        .json()
                        .get("data")
                        .isEmpty())
                .isTrue();
        assertThat(caller.get("/api/v1/usage?model=999").json().get("code").asString())
                .isEqualTo("model_not_found");
        TestHttp.Response backwards = caller.get("/api/v1/usage?from=" + today() + "&to=" + today().minusDays(3));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("code").asString()).isEqualTo("invalid_parameter");

        JsonNode asAdmin = http().get("/api/v1/usage?key_id=" + key.id()).json();
        assertThat(asAdmin.get("data").get(0).get("requests").asLong()).isEqualTo(2);
    }

    @Test
    void onlyAnAdminMayReadAnotherKeysUsage() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestKeys.Key other = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp.Response response = http().withKey(key.secret()).get("/api/v1/usage?key_id=" + other.id());
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    /** The server's day: its clock, which tests move, stamps the calls (a minute before midnight they differ). */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
