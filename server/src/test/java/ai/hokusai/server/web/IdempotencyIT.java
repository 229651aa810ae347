package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.service.InferenceMeter;
import ai.hokusai.testsupport.ExampleInputs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotency-Key: one execution, one metered record, the stored answer replayed; another body is a conflict. */
class IdempotencyIT extends ServerIntegrationTest {

    private static final String PREDICT = "/api/v1/models/21/predict";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InferenceMeter meter;

    private TestHttp.Response predict(TestHttp caller, String idempotencyKey, String body) {
        return caller.send(
                "POST", PREDICT, Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey), body);
    }

    private long recordsWith(String idempotencyKey) throws InterruptedException {
        for (int i = 0; i < 200 && meter.backlog() > 0; i++) {
            Thread.sleep(25);
        }
        return jdbc.queryForObject(
                "SELECT count(*) FROM inference_logs WHERE idempotency_key = ?", Long.class, idempotencyKey);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheStoredAnswerAndIsMeteredOnce() throws InterruptedException {
        String key = "retry-" + UUID.randomUUID();
        TestHttp.Response first = predict(http(), key, ExampleInputs.predictRequestJson());
        // The same body with its fields in another order is the same request.
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("options", ExampleInputs.predictRequest().get("options"));
        reordered.put("inputs", ExampleInputs.lead());
        TestHttp.Response retry = predict(http(), key, ExampleInputs.json(reordered));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(recordsWith(key)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() {
        String key = "conflict-" + UUID.randomUUID();
        assertThat(predict(http(), key, ExampleInputs.predictRequestJson()).status())
                .isEqualTo(200);

        Map<String, Object> otherLead = ExampleInputs.lead();
        otherLead.put("company_size", 5);
        Map<String, Object> otherRequest = ExampleInputs.predictRequest();
        otherRequest.put("inputs", otherLead);
        TestHttp.Response other = predict(http(), key, ExampleInputs.json(otherRequest));

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asString()).isEqualTo("idempotency_conflict");
    }

    @Test
    void keysAreKeptPerApiKey() throws InterruptedException {
        String key = "shared-" + UUID.randomUUID();
        TestHttp other = http().withKey(
                        TestKeys.create(http(), List.of("predict"), null, null).secret());
        String mine = predict(http(), key, ExampleInputs.predictRequestJson())
                .json()
                .get("inference_log_id")
                .asString();
        TestHttp.Response theirs = predict(other, key, ExampleInputs.predictRequestJson());
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("inference_log_id").asString()).isNotEqualTo(mine);
        assertThat(recordsWith(key)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneKeyExecuteOnce() throws Exception {
        String key = "concurrent-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<TestHttp.Response>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> predict(http(), key, ExampleInputs.predictRequestJson())));
        }
        Set<String> ids = new HashSet<>();
        for (Future<TestHttp.Response> future : futures) {
            TestHttp.Response response = future.get();
            if (response.status() == 200) {
                ids.add(response.json().get("inference_log_id").asString());
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.json().get("code").asString()).isEqualTo("idempotency_in_progress");
                assertThat(response.header("Retry-After")).isNotNull();
            }
        }
        pool.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(recordsWith(key)).isEqualTo(1);
    }

    @Test
    void aFailedRequestIsNotStoredSoItsKeyCanBeRetried() {
        String key = "failed-" + UUID.randomUUID();
        assertThat(predict(http(), key, "{\"inputs\": {}}").status()).isEqualTo(422);
        TestHttp.Response again = predict(http(), key, "{\"inputs\": {}}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid_input");
    }

    @Test
    void anOutcomeReportedTwiceWithOneKeyIsRecordedOnce() {
        String logId = http().postJson(PREDICT, ExampleInputs.predictRequestJson())
                .json()
                .get("inference_log_id")
                .asString();
        String key = "outcome-" + UUID.randomUUID();
        String body =
                "{\"inference_log_id\": \"" + logId + "\", \"outcome_score\": 1, \"outcome_type\": \"conversion\"}";
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);

        TestHttp.Response first = http().send("POST", "/api/v1/outcomes", headers, body);
        TestHttp.Response retry = http().send("POST", "/api/v1/outcomes", headers, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outcomes WHERE inference_log_id = ?", Long.class, UUID.fromString(logId)))
                .isEqualTo(1);
    }
}
