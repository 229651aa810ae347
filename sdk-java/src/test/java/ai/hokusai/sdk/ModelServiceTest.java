package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.ACCOUNT_ID;
import static ai.hokusai.sdk.TestData.MODEL_21;
import static ai.hokusai.sdk.TestData.OPERATOR_ACCOUNT_ID;
import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelCreateRequest;
import ai.hokusai.sdk.model.ModelHealth;
import ai.hokusai.sdk.model.ModelInfo;
import ai.hokusai.sdk.model.ModelList;
import ai.hokusai.sdk.model.ModelUsageReport;
import ai.hokusai.sdk.model.ModelUsageRow;
import ai.hokusai.sdk.model.ModelVisibility;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelServiceTest {

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void getsAModelByNumber() {
        stub.json(200, MODEL_21);

        Model model = client.models().get("21");

        assertThat(model.getId()).isEqualTo(21);
        assertThat(model.getSlug()).isEqualTo("lscor-v2");
        assertThat(model.getMaxBatchSize()).isEqualTo(100);
        assertThat(model.getVisibility()).isEqualTo(ModelVisibility.PUBLIC);
        assertThat(model.getOwnerAccountId()).isEqualTo(UUID.fromString(OPERATOR_ACCOUNT_ID));
    }

    @Test
    void listSendsLimitAndCursor() {
        stub.json(200, "{\"data\":[" + MODEL_21 + "],\"has_more\":false,\"next_cursor\":null}");

        ModelList page = client.models()
                .list(ModelListParams.builder().limit(5).cursor("MjE").build());

        assertThat(page.getData()).extracting(Model::getId).containsExactly(21);
        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/models");
        assertThat(stub.lastRequest().query).contains("limit=5").contains("cursor=MjE");
    }

    @Test
    void listAllFollowsNextCursorToTheLastPage() {
        stub.json(200, "{\"data\":[" + MODEL_21 + "],\"has_more\":true,\"next_cursor\":\"MjE\"}")
                .json(200, "{\"data\":[" + MODEL_21.replace("\"id\":21", "\"id\":22") + "],\"has_more\":false}");

        List<Integer> ids = new ArrayList<>();
        for (Model model : client.models().listAll()) {
            ids.add(model.getId());
        }

        assertThat(ids).containsExactly(21, 22);
        assertThat(stub.requests()).extracting(r -> r.query).containsExactly(null, "cursor=MjE");
    }

    @Test
    void infoAndHealthHitTheirRoutes() {
        stub.json(
                        200,
                        "{\"model_id\":21,\"slug\":\"lscor-v2\",\"name\":\"n\",\"model_type\":\"t\",\"storage\":"
                                + "{\"provider\":\"bundled\",\"location\":\"classpath:x\",\"requires_token\":false},\"available\":true,"
                                + "\"max_batch_size\":100,\"cache_ttl_seconds\":3600}")
                .json(200, "{\"model_id\":21,\"status\":\"ready\",\"is_cached\":true,\"inference_ready\":true}");

        ModelInfo info = client.models().info("21");
        ModelHealth health = client.models().warmUp("21");

        assertThat(info.getAvailable()).isTrue();
        assertThat(health.getStatus()).isEqualTo(ModelHealth.StatusEnum.READY);
        assertThat(stub.requests())
                .extracting(r -> r.path + (r.query == null ? "" : "?" + r.query))
                .containsExactly("/api/v1/models/21/info", "/api/v1/models/21/health?warmup=true");
    }

    @Test
    void createSendsTheVisibilityItIsGiven() throws Exception {
        stub.json(201, MODEL_21);

        client.models()
                .create(new ModelCreateRequest()
                        .slug("minilm-embed")
                        .name("MiniLM")
                        .task("feature-extraction")
                        .inputSchema(Map.of("type", "object"))
                        .outputSchema(Map.of("type", "object"))
                        .visibility(ModelCreateRequest.VisibilityEnum.PUBLIC));

        assertThat(stub.lastRequest().method).isEqualTo("POST");
        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/models");
        assertThat(json.readTree(stub.lastRequest().body).get("visibility").asText())
                .isEqualTo("public");
    }

    @Test
    void updateSendsOnlyTheVisibilityWhenThatIsTheChange() throws Exception {
        stub.json(200, MODEL_21);

        Model updated = client.models()
                .update(
                        "lscor-v2",
                        ModelUpdateParams.builder()
                                .visibility(ModelVisibility.PRIVATE)
                                .build());

        assertThat(updated.getId()).isEqualTo(21);
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("PATCH");
        assertThat(request.path).isEqualTo("/api/v1/models/lscor-v2");
        assertThat(json.readTree(request.body)).isEqualTo(json.readTree("{\"visibility\":\"private\"}"));
    }

    @Test
    void updateParamsStillNeedOneSetting() {
        assertThatThrownBy(() -> ModelUpdateParams.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void usageGetsTheModelsUsagePerCallingAccountBetweenFromAndTo() {
        stub.json(
                200,
                "{\"model_id\":21,\"from\":\"2026-11-26\",\"to\":\"2026-11-27\",\"data\":[{\"date\":\"2026-11-27\","
                        + "\"account_id\":\"" + ACCOUNT_ID
                        + "\",\"requests\":40,\"failed_requests\":2,\"predictions\":52,\"tokens\":0,"
                        + "\"latency_ms_mean\":0.6,\"latency_ms_p95\":1.4}]}",
                "X-Request-Id",
                "req_mu");

        RawResponse<ModelUsageReport> usage = client.models()
                .withRawResponse()
                .usage(
                        "21",
                        ModelUsageParams.builder()
                                .from(LocalDate.of(2026, 11, 26))
                                .to(LocalDate.of(2026, 11, 27))
                                .build());

        ModelUsageReport report = usage.getValue();
        assertThat(report.getModelId()).isEqualTo(21);
        assertThat(report.getFrom()).isEqualTo(LocalDate.of(2026, 11, 26));
        ModelUsageRow row = report.getData().get(0);
        assertThat(row.getDate()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(row.getAccountId()).isEqualTo(UUID.fromString(ACCOUNT_ID));
        assertThat(row.getRequests()).isEqualTo(40L);
        assertThat(row.getFailedRequests()).isEqualTo(2L);
        assertThat(row.getPredictions()).isEqualTo(52L);
        assertThat(row.getLatencyMsMean()).isEqualTo(0.6);
        assertThat(row.getLatencyMsP95()).isEqualTo(1.4);
        assertThat(usage.getRequestId()).isEqualTo("req_mu");
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/models/21/usage");
        assertThat(request.query.split("&")).containsExactlyInAnyOrder("from=2026-11-26", "to=2026-11-27");
    }

    @Test
    void usageWithoutParamsLeavesTheDaysToTheServer() {
        stub.json(200, "{\"model_id\":21,\"from\":\"2026-10-29\",\"to\":\"2026-11-27\",\"data\":[]}");

        ModelUsageReport report = client.models().usage("lscor-v2");

        assertThat(report.getData()).isEmpty();
        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/models/lscor-v2/usage");
        assertThat(stub.lastRequest().query).isNull();
    }
}
