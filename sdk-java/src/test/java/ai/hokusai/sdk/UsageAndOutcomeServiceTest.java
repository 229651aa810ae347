package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.model.Outcome;
import ai.hokusai.sdk.model.UsageReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageAndOutcomeServiceTest {

    private static final String INFERENCE_LOG_ID = "0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c";
    private static final String USAGE = "{\"account_id\":\"" + TestData.ACCOUNT_ID + "\",\"key_id\":\""
            + ApiKeyServiceTest.KEY_ID + "\",\"from\":\"2026-11-26\","
            + "\"to\":\"2026-11-27\",\"data\":[{\"date\":\"2026-11-26\",\"model_id\":21,\"requests\":40,\"predictions\":52},"
            + "{\"date\":\"2026-11-27\",\"model_id\":21,\"requests\":2,\"predictions\":5}]}";
    private static final String OTHER_KEY_ID = "4e6f8a01-2b3c-4d5e-9f0a-1b2c3d4e5f60";
    private static final String ACCOUNT_USAGE = "{\"account_id\":\"" + TestData.ACCOUNT_ID + "\",\"key_id\":null,"
            + "\"from\":\"2026-11-27\",\"to\":\"2026-11-27\",\"data\":["
            + "{\"date\":\"2026-11-27\",\"model_id\":21,\"key_id\":\"" + ApiKeyServiceTest.KEY_ID
            + "\",\"requests\":2,\"predictions\":5},"
            + "{\"date\":\"2026-11-27\",\"model_id\":21,\"key_id\":\"" + OTHER_KEY_ID
            + "\",\"requests\":7,\"predictions\":7}]}";
    private static final String OUTCOME = "{\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"inference_log_id\":\""
            + INFERENCE_LOG_ID + "\",\"outcome_score\":1,\"outcome_type\":\"conversion\","
            + "\"created_at\":\"2026-11-27T09:00:00Z\"}";

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void usageSendsEveryFilterAsAQueryParameter() {
        stub.json(200, USAGE, "X-Request-Id", "req_u");

        RawResponse<UsageReport> usage = client.usage()
                .withRawResponse()
                .retrieve(UsageParams.builder()
                        .from(LocalDate.of(2026, 11, 26))
                        .to(LocalDate.of(2026, 11, 27))
                        .model("lscor-v2")
                        .keyId(UUID.fromString(ApiKeyServiceTest.KEY_ID))
                        .build());

        assertThat(usage.getValue().getData())
                .extracting(row -> row.getRequests())
                .containsExactly(40L, 2L);
        assertThat(usage.getValue().getData().get(1).getPredictions()).isEqualTo(5L);
        assertThat(usage.getRequestId()).isEqualTo("req_u");
        assertThat(usage.getValue().getAccountId()).isEqualTo(UUID.fromString(TestData.ACCOUNT_ID));
        assertThat(usage.getValue().getKeyId()).isEqualTo(UUID.fromString(ApiKeyServiceTest.KEY_ID));
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/usage");
        assertThat(request.query.split("&"))
                .containsExactlyInAnyOrder(
                        "from=2026-11-26", "to=2026-11-27", "model=lscor-v2", "key_id=" + ApiKeyServiceTest.KEY_ID);
    }

    @Test
    void accountScopedUsageSendsScopeAndReadsOneRowPerKey() {
        stub.json(200, ACCOUNT_USAGE);

        UsageReport report = client.usage()
                .retrieve(UsageParams.builder()
                        .scope(UsageParams.Scope.ACCOUNT)
                        .from(LocalDate.of(2026, 11, 27))
                        .build());

        assertThat(report.getKeyId()).as("every key of the account").isNull();
        assertThat(report.getAccountId()).isEqualTo(UUID.fromString(TestData.ACCOUNT_ID));
        assertThat(report.getData())
                .extracting(row -> row.getKeyId())
                .containsExactly(UUID.fromString(ApiKeyServiceTest.KEY_ID), UUID.fromString(OTHER_KEY_ID));
        assertThat(report.getData()).extracting(row -> row.getRequests()).containsExactly(2L, 7L);
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/usage");
        assertThat(request.query.split("&")).containsExactlyInAnyOrder("from=2026-11-27", "scope=account");
    }

    @Test
    void keyScopeIsSentAsKey() {
        stub.json(200, USAGE);

        client.usage()
                .retrieve(UsageParams.builder().scope(UsageParams.Scope.KEY).build());

        assertThat(stub.lastRequest().query).isEqualTo("scope=key");
    }

    @Test
    void usageWithoutParamsLeavesTheDefaultsToTheServer() {
        stub.json(200, USAGE);

        client.usage().retrieve();

        assertThat(stub.lastRequest().query).isNull();
    }

    @Test
    void outcomeIsPostedWithAnAutomaticIdempotencyKey() throws Exception {
        stub.json(201, OUTCOME, "X-Request-Id", "req_o");

        Outcome outcome = client.outcomes().report(UUID.fromString(INFERENCE_LOG_ID), 1.0, "conversion");

        assertThat(outcome.getOutcomeType()).isEqualTo("conversion");
        assertThat(outcome.getInferenceLogId()).isEqualTo(UUID.fromString(INFERENCE_LOG_ID));
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/api/v1/outcomes");
        assertThat(request.header("Idempotency-Key")).isNotBlank();
        JsonNode body = json.readTree(request.body);
        assertThat(body.get("inference_log_id").asText()).isEqualTo(INFERENCE_LOG_ID);
        assertThat(body.get("outcome_score").asDouble()).isEqualTo(1.0);
        assertThat(body.get("outcome_type").asText()).isEqualTo("conversion");
    }

    @Test
    void outcomeRetriesReuseTheIdempotencyKeyAndYourOwnKeyIsSent() {
        stub.disconnect().json(201, OUTCOME);

        client.outcomes()
                .report(
                        UUID.fromString(INFERENCE_LOG_ID),
                        0.0,
                        "conversion",
                        RequestOptions.builder().idempotencyKey("outcome-4711").build());

        assertThat(stub.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("outcome-4711", "outcome-4711");
    }
}
