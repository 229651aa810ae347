package ai.hokusai.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.MovableClock;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.Cosine;
import ai.hokusai.testsupport.HubStub;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole lifecycle of a model registered through the API, against a private Hugging Face Hub repository served by
 * a local stub (no network): register, deploy from {@code hf://}, watch the load, activate, predict; and every way
 * an artifact fails — a token the repository refuses, a missing revision, a corrupt file — ending {@code failed} with
 * a reason fit to show, while predict never answers 500. A moving revision is re-resolved after the model's TTL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.AsServerClock.class)
class DeploymentLifecycleIT {

    private static final Path REPOSITORIES = ServerIntegrationTest.newDataDir().resolve("hub");
    private static final String NEXT_COMMIT = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807";
    private static final HubStub HUB = startHub();

    private static HubStub startHub() {
        try {
            return new HubStub()
                    .repository("acme/minilm-embed", HubArtifacts.miniLm(REPOSITORIES.resolve("minilm")))
                    .repository("acme/lscor", HubArtifacts.lscor(REPOSITORIES.resolve("lscor"), "2.0.0"))
                    .repository("acme/lscor-moving", HubArtifacts.lscor(REPOSITORIES.resolve("moving"), "2.0.0"))
                    .repository("acme/corrupt", HubArtifacts.lscor(REPOSITORIES.resolve("corrupt"), "2.0.0"))
                    .damage("acme/corrupt", "model.json", "corrupt")
                    .repository("other-org/private", HubArtifacts.lscor(REPOSITORIES.resolve("other"), "2.0.0"))
                    .requireToken("other-org/private", "hf_token_of_another_organisation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Its own context (the Hub's settings), hence its own data directory: two embedded PostgreSQL servers cannot
     * share one, and the shared context of {@link ServerIntegrationTest} may be running.
     */
    private static final Path DATA_DIR = ServerIntegrationTest.newDataDir();

    @LocalServerPort
    int port;

    private final MovableClock clock = MovableClock.SHARED;

    @DynamicPropertySource
    static void ownDatabaseAndHub(DynamicPropertyRegistry registry) {
        registry.add("hokusai.data-dir", DATA_DIR::toString);
        registry.add("hokusai.bootstrap-api-key", () -> ServerIntegrationTest.ADMIN_KEY);
        registry.add("hokusai.artifact-root", ServerIntegrationTest.ARTIFACT_ROOT::toString);
        registry.add("hokusai.huggingface.endpoint", HUB::endpoint);
        registry.add("hokusai.huggingface.token", () -> HubStub.TOKEN);
    }

    @AfterAll
    static void stopHub() {
        HUB.close();
    }

    private TestHttp http() {
        return new TestHttp("http://localhost:" + port, ServerIntegrationTest.ADMIN_KEY);
    }

    @Test
    void aRealSentenceEncoderIsRegisteredDeployedFromTheHubActivatedAndServed() {
        JsonNode model = register(
                "minilm-embed-it",
                "feature-extraction",
                "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"text\"],"
                        + "\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":1}}}",
                3600);
        int id = model.get("id").asInt();
        assertThat(id).isGreaterThan(21);
        assertThat(model.get("active_deployment_id")).isNull();

        TestHttp.Response accepted =
                deploy(String.valueOf(id), "1.0.0", "onnx-text-embedding", "hf://acme/minilm-embed", true);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("load_status").asString()).isEqualTo("pending");
        assertThat(accepted.json().get("status").asString()).isEqualTo("inactive");

        JsonNode ready = awaitLoad(accepted.json().get("id").asString());
        assertThat(ready.get("load_status").asString()).isEqualTo("ready");
        assertThat(ready.get("revision").asString()).isEqualTo(HubStub.COMMIT);
        assertThat(ready.get("files")
                        .valueStream()
                        .map(f -> f.get("name").asString())
                        .toList())
                .containsExactly("config.json", "model.onnx", "tokenizer.json");
        assertThat(ready.get("files").get(1).get("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(ready.get("load_time_ms").asDouble()).isPositive();
        JsonNode active = awaitDeployment(
                ready.get("id").asString(), d -> d.get("status").asString().equals("active"));

        List<Double> modelTimes = new ArrayList<>();
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : List.of(
                "The VP of Engineering requested a demo.",
                "A short one.",
                "Hokusai serves machine-learning models to third-party developers.")) {
            TestHttp.Response predicted =
                    http().postJson("/api/v1/models/" + id + "/predict", "{\"inputs\": {\"text\": \"" + text + "\"}}");
            assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
            assertThat(predicted.json().get("deployment_id").asString())
                    .isEqualTo(active.get("id").asString());
            List<Double> embedding = predicted
                    .json()
                    .get("predictions")
                    .get("embedding")
                    .valueStream()
                    .map(JsonNode::asDouble)
                    .toList();
            assertThat(Cosine.similarity(
                            embedding, reference.embed(text).content().vector()))
                    .isGreaterThanOrEqualTo(0.999);
            modelTimes.add(predicted.json().get("metadata").get("latency_ms").asDouble());
        }
        JsonNode health = http().get("/api/v1/models/" + id + "/health").json();
        assertThat(health.get("inference_ready").asBoolean()).isTrue();
        assertThat(health.get("revision").asString()).isEqualTo(HubStub.COMMIT);
        System.out.printf(
                "onnx-text-embedding: loaded from the Hub stub in %.1f ms; model time per request %s ms%n",
                ready.get("load_time_ms").asDouble(), modelTimes);

        TestHttp.Response invalid = http().postJson("/api/v1/models/" + id + "/predict", "{\"inputs\": {\"text\": 5}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/inputs/text");
    }

    @Test
    void aTokenTheRepositoryRefusesFailsTheDeploymentWithAReasonAndNoSecret() {
        int id = registerLeadScorer("lscor-refused-it");
        JsonNode failed =
                awaitLoad(deploy(String.valueOf(id), "1.0.0", "lscor-logistic", "hf://other-org/private@main", true)
                        .json()
                        .get("id")
                        .asString());

        assertThat(failed.get("load_status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asString())
                .contains("refused the configured token")
                .contains("other-org/private")
                .doesNotContain(HubStub.TOKEN)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(failed.get("status").asString()).isEqualTo("inactive");
        assertNotServedWithout500(id);

        TestHttp.Response activate = activate(failed.get("id").asString());
        assertThat(activate.status()).isEqualTo(409);
        assertThat(activate.json().get("code").asString()).isEqualTo("deployment_not_ready");
    }

    @Test
    void aMissingRevisionFailsTheDeployment() {
        int id = registerLeadScorer("lscor-missing-revision-it");
        JsonNode failed =
                awaitLoad(deploy(String.valueOf(id), "1.0.0", "lscor-logistic", "hf://acme/lscor@v9.9.9", true)
                        .json()
                        .get("id")
                        .asString());

        assertThat(failed.get("load_status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asString())
                .contains("not found")
                .contains("acme/lscor@v9.9.9");
        assertNotServedWithout500(id);
    }

    @Test
    void aCorruptFileFailsTheDeploymentAndNothingOfItIsServed() {
        int id = registerLeadScorer("lscor-corrupt-it");
        JsonNode failed = awaitLoad(deploy(String.valueOf(id), "1.0.0", "lscor-logistic", "hf://acme/corrupt", true)
                .json()
                .get("id")
                .asString());

        assertThat(failed.get("load_status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asString())
                .contains("model.json")
                .contains("does not match");
        assertThat(failed.get("files")).isNull();
        assertNotServedWithout500(id);
    }

    @Test
    void aMovingRevisionIsResolvedAgainAfterTheModelsTtlWhileTheLoadedCopyServes() throws Exception {
        int id = registerLeadScorer("lscor-moving-it");
        String first = awaitLoad(deploy(String.valueOf(id), "1.0.0", "lscor-logistic", "hf://acme/lscor-moving", true)
                        .json()
                        .get("id")
                        .asString())
                .get("id")
                .asString();
        awaitDeployment(first, d -> d.get("status").asString().equals("active"));
        assertThat(predictLead(id).get("model_version").asString()).isEqualTo("2.0.0");

        // A second deployment of the same commit reuses the cached download: the Hub is asked for the listing only.
        int before = HUB.requests.size();
        JsonNode reused = awaitLoad(
                deploy(String.valueOf(id), "1.0.1", "lscor-logistic", "hf://acme/lscor-moving@" + HubStub.COMMIT, false)
                        .json()
                        .get("id")
                        .asString());
        assertThat(reused.get("load_status").asString()).isEqualTo("ready");
        assertThat(HUB.requests.subList(before, HUB.requests.size())).noneMatch(path -> path.contains("/resolve/"));

        HUB.move("acme/lscor-moving", HubArtifacts.lscor(REPOSITORIES.resolve("moved"), "2.0.1"), NEXT_COMMIT);
        assertThat(predictLead(id).get("model_version").asString())
                .as("within the TTL the Hub is not asked")
                .isEqualTo("2.0.0");
        clock.advance(Duration.ofSeconds(61));

        List<String> versions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!versions.contains("2.0.1") && System.nanoTime() < deadline) {
            versions.add(predictLead(id).get("model_version").asString());
            Thread.sleep(50);
        }
        assertThat(versions).contains("2.0.1");
        assertThat(http().get("/api/v1/models/" + id + "/health")
                        .json()
                        .get("revision")
                        .asString())
                .isEqualTo(NEXT_COMMIT);
    }

    @Test
    void activationSwitchesAtomicallyKeepsThePreviousReadyAndRetiringFollowsTheRules() {
        int id = registerLeadScorer("lscor-switch-it");
        String first = awaitLoad(deploy(String.valueOf(id), "1.0.0", "lscor-logistic", "hf://acme/lscor", true)
                        .json()
                        .get("id")
                        .asString())
                .get("id")
                .asString();
        awaitDeployment(first, d -> d.get("status").asString().equals("active"));
        String second = awaitLoad(
                        deploy(String.valueOf(id), "1.1.0", "lscor-logistic", "file://" + HubArtifacts.LSCOR, false)
                                .json()
                                .get("id")
                                .asString())
                .get("id")
                .asString();

        TestHttp.Response activated = activate(second);
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().get("status").asString()).isEqualTo("active");
        assertThat(predictLead(id).get("deployment_id").asString()).isEqualTo(second);
        JsonNode previous = http().get("/api/v1/deployments/" + first).json();
        assertThat(previous.get("status").asString()).isEqualTo("inactive");
        assertThat(previous.get("load_status").asString()).isEqualTo("ready");

        assertThat(activate(first).status()).as("rollback").isEqualTo(200);
        assertThat(predictLead(id).get("deployment_id").asString()).isEqualTo(first);

        TestHttp.Response retireActive = retire(first);
        assertThat(retireActive.status()).isEqualTo(409);
        assertThat(retireActive.json().get("code").asString()).isEqualTo("deployment_active");
        assertThat(retire(second).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/deployments/" + second).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/models/" + second).status()).isEqualTo(404);
        assertThat(activate(second).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/models/" + id + "/deployments")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(1);

        TestHttp.Response again = deploy(String.valueOf(id), "1.1.0", "lscor-logistic", "hf://acme/lscor", false);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("version_taken");
    }

    @Test
    void registrationRefusesBadSchemasTakenSlugsAndUnknownRuntimesNamingTheField() {
        TestHttp.Response badSchema =
                http().postJson("/api/v1/models", modelJson("bad-schema-it", "tabular", "{\"type\":\"objekt\"}", 3600));
        assertThat(badSchema.status()).isEqualTo(422);
        assertThat(badSchema.json().get("code").asString()).isEqualTo("invalid_request");
        assertThat(badSchema.json().get("errors").get(0).get("pointer").asString())
                .startsWith("/input_schema");

        TestHttp.Response notAnObject = http().postJson(
                        "/api/v1/models", modelJson("array-schema-it", "tabular", "{\"type\":\"array\"}", 3600));
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(notAnObject.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/input_schema/type");

        TestHttp.Response taken =
                http().postJson("/api/v1/models", modelJson("lscor-v2", "tabular", "{\"type\":\"object\"}", 3600));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("code").asString()).isEqualTo("slug_taken");

        TestHttp.Response unknownRuntime = deploy("21", "9.9.9", "tensorflow-savedmodel", "hf://acme/lscor", false);
        assertThat(unknownRuntime.status()).isEqualTo(422);
        assertThat(unknownRuntime.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/runtime");
        assertThat(unknownRuntime.json().get("errors").get(0).get("message").asString())
                .contains("lscor-logistic", "onnx-text-embedding");
    }

    @Test
    void aModelsServingSettingsChange() {
        int id = registerLeadScorer("lscor-settings-it");
        TestHttp.Response changed = http().send(
                        "PATCH",
                        "/api/v1/models/" + id,
                        Map.of("Content-Type", "application/json"),
                        "{\"max_batch_size\": 5, \"tags\": [\"Sales\"]}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("max_batch_size").asInt()).isEqualTo(5);
        assertThat(http().get("/api/v1/models/" + id).json().get("tags").get(0).asString())
                .isEqualTo("Sales");
    }

    private void assertNotServedWithout500(int id) {
        TestHttp.Response predict = http().postJson("/api/v1/models/" + id + "/predict", LEAD);
        assertThat(predict.status()).isEqualTo(503);
        assertThat(predict.json().get("code").asString()).isEqualTo("model_unavailable");
        assertThat(predict.header("Retry-After")).isNotBlank();
        TestHttp.Response health = http().get("/api/v1/models/" + id + "/health?warmup=true");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.header("Retry-After")).isNotBlank();
    }

    static final String LEAD = "{\"inputs\": {\"company_size\": 1000, \"industry\": \"Technology\", "
            + "\"engagement_score\": 75, \"website_visits\": 10, \"email_opens\": 5, \"content_downloads\": 3, "
            + "\"demo_requested\": true, \"budget_confirmed\": false, \"decision_timeline\": \"Q2 2025\", "
            + "\"title\": \"VP of Engineering\"}}";

    private JsonNode predictLead(int id) {
        TestHttp.Response predicted = http().postJson("/api/v1/models/" + id + "/predict", LEAD);
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        return predicted.json();
    }

    private int registerLeadScorer(String slug) {
        String schema =
                http().get("/api/v1/models/21").json().get("input_schema").toString();
        return register(slug, "tabular-classification", schema, 60).get("id").asInt();
    }

    private JsonNode register(String slug, String task, String inputSchema, int ttl) {
        TestHttp.Response created = http().postJson("/api/v1/models", modelJson(slug, task, inputSchema, ttl));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String modelJson(String slug, String task, String inputSchema, int ttl) {
        return "{\"slug\": \"" + slug + "\", \"name\": \"" + slug + "\", \"task\": \"" + task + "\", "
                + "\"input_schema\": " + inputSchema + ", \"output_schema\": {\"type\": \"object\"}, "
                + "\"cache_ttl_seconds\": " + ttl + "}";
    }

    private TestHttp.Response deploy(String modelRef, String version, String runtime, String uri, boolean activate) {
        return http().postJson(
                        "/api/v1/models/" + modelRef + "/deployments",
                        "{\"version\": \"" + version
                                + "\", \"runtime\": \"" + runtime + "\", \"artifact_uri\": \"" + uri
                                + "\", \"activate\": " + activate
                                + "}");
    }

    private TestHttp.Response activate(String deploymentId) {
        return http().send("POST", "/api/v1/deployments/" + deploymentId + "/activate", Map.of(), null);
    }

    private TestHttp.Response retire(String deploymentId) {
        return http().send("DELETE", "/api/v1/deployments/" + deploymentId, Map.of(), null);
    }

    private JsonNode awaitLoad(String deploymentId) {
        return awaitDeployment(deploymentId, d -> {
            String status = d.get("load_status").asString();
            return status.equals("ready") || status.equals("failed");
        });
    }

    private JsonNode awaitDeployment(String deploymentId, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode deployment =
                    http().get("/api/v1/deployments/" + deploymentId).json();
            if (done.test(deployment) || System.nanoTime() > deadline) {
                return deployment;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
