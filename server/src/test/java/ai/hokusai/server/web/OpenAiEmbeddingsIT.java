package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.SpecCheck;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.deployment.HubArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible embeddings as the database and the spec see them: a call is one usage record carrying its
 * texts and its tokenizer's count, a refused call no succeeded one, and every answer and refusal is what the spec
 * documents, in OpenAI's error shape. The official OpenAI clients for Java and Node drive the same routes on the
 * packaged server in contract-tests ({@code OpenAiJavaClientIT}, {@code OpenAiNodeClientIT}).
 */
class OpenAiEmbeddingsIT extends ServerIntegrationTest {

    private static final Path ARTIFACT = ARTIFACT_ROOT.resolve("target/openai-it/minilm");
    private static final List<String> TEXTS = List.of(
            "The VP of Engineering requested a demo.",
            "A short one.",
            "Über-naïve café résumé — unicode survives tokenisation.");

    private static String slug;
    private static int modelId;
    private static HuggingFaceTokenizer tokenizer;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void anEmbeddingModelIsDeployed() throws IOException {
        if (slug != null) {
            return;
        }
        HubArtifacts.miniLm(ARTIFACT);
        Map<String, Object> body = new LinkedHashMap<>(Tenants.example("ModelCreateEmbedding"));
        body.put("slug", Tenants.unique("minilm-openai"));
        body.put("max_batch_size", 4);
        TestHttp.Response created = http().postJson("/api/v1/models", Tenants.json(body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("version", "1.0.0");
        deployment.put("runtime", "onnx-text-embedding");
        deployment.put("artifact_uri", "file://" + ARTIFACT);
        deployment.put("activate", false);
        String ref = created.json().get("id").asString();
        TestHttp.Response accepted =
                http().postJson("/api/v1/models/" + ref + "/deployments", Tenants.json(deployment));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String deploymentId = accepted.json().get("id").asString();
        JsonNode loaded = Tenants.awaitDeployment(
                http(),
                deploymentId,
                d -> !List.of("pending", "loading")
                        .contains(d.get("load_status").asString()));
        assertThat(loaded.get("load_status").asString()).as(loaded.toString()).isEqualTo("ready");
        assertThat(http().send("POST", "/api/v1/deployments/" + deploymentId + "/activate", Map.of(), null)
                        .status())
                .isEqualTo(200);
        tokenizer = HuggingFaceTokenizer.newInstance(
                ARTIFACT.resolve("tokenizer.json"),
                Map.of("truncation", "true", "padding", "false", "maxLength", "256"));
        modelId = created.json().get("id").asInt();
        slug = created.json().get("slug").asString();
    }

    @AfterAll
    static void closeTokenizer() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void aCallIsOneUsageRecordCarryingItsTextsAndTheTokenizersCount() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        String body = Tenants.json(Map.of("model", slug, "input", TEXTS));

        TestHttp.Response answer = http().withKey(key.secret()).postJson("/api/openai/v1/embeddings", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        int expectedTokens = TEXTS.stream().mapToInt(OpenAiEmbeddingsIT::tokens).sum();
        assertThat(answer.json().get("usage").get("prompt_tokens").asInt()).isEqualTo(expectedTokens);
        assertMeteredOnce(key, expectedTokens, TEXTS.size());
    }

    @Test
    void aRefusedCallIsNoSucceededRecord() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestHttp caller = http().withKey(key.secret());

        assertThat(caller.postJson("/api/openai/v1/embeddings", "{\"model\": \"no-such-model\", \"input\": \"a\"}")
                        .status())
                .isEqualTo(404);
        assertThat(caller.postJson(
                                "/api/openai/v1/embeddings",
                                "{\"model\": \"" + slug + "\", \"input\": \"a\", \"dimensions\": 8}")
                        .status())
                .isEqualTo(400);

        assertThat(jdbc.queryForList(
                        "SELECT 1 FROM inference_logs WHERE api_key_id = ? AND status = 'succeeded'", key.id()))
                .isEmpty();
    }

    @Test
    void everyAnswerIsValidAgainstTheSpecAndErrorsCarryTheRequestId() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        TestKeys.Key readOnly = TestKeys.create(http(), List.of("models:read"), null, null);
        TestHttp caller = http().withKey(key.secret());
        String embeddings = "/api/openai/v1/embeddings";
        String one = "{\"model\": \"" + slug + "\", \"input\": \"hello\"}";

        SpecCheck.valid("POST", embeddings, caller.postJson(embeddings, one));
        SpecCheck.valid(
                "POST",
                embeddings,
                caller.postJson(
                        embeddings,
                        "{\"model\": \"" + slug + "\", \"input\": [\"a\", \"b\"], \"encoding_format\": \"base64\"}"));
        SpecCheck.valid("GET", "/api/openai/v1/models", caller.get("/api/openai/v1/models"));
        SpecCheck.valid("GET", "/api/openai/v1/models/" + slug, caller.get("/api/openai/v1/models/" + slug));

        Map<Integer, TestHttp.Response> refusals = new LinkedHashMap<>();
        refusals.put(
                401, http().withKey("hk_test_notAKeyThatExists0000000000000").postJson(embeddings, one));
        refusals.put(403, http().withKey(readOnly.secret()).postJson(embeddings, one));
        refusals.put(404, caller.postJson(embeddings, "{\"model\": \"no-such-model\", \"input\": \"hello\"}"));
        refusals.put(405, caller.get(embeddings));
        refusals.put(
                413,
                caller.postJson(
                        embeddings, "{\"model\": \"" + slug + "\", \"input\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}"));
        refusals.put(415, caller.send("POST", embeddings, Map.of("Content-Type", "text/plain"), one));
        refusals.put(422, caller.postJson(embeddings, "{\"model\": \"" + slug + "\", \"input\": []}"));
        refusals.put(
                400, caller.postJson(embeddings, "{\"model\": \"" + slug + "\", \"input\": \"a\", \"dimensions\": 8}"));
        refusals.forEach((status, response) -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(status);
            // A 405 is documented on the operation the route does have.
            SpecCheck.valid("POST", embeddings, response);
            JsonNode error = response.json().get("error");
            assertThat(error).as(response.toString()).isNotNull();
            assertThat(error.get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
            assertThat(response.json().has("status")).as("not a problem").isFalse();
        });
        assertThat(refusals.get(405).header("Allow")).isEqualTo("POST");
        assertThat(refusals.get(413).json().get("error").get("code").asString()).isEqualTo("batch_too_large");
        assertThat(refusals.get(422).json().get("error").get("param").asString())
                .isEqualTo("/input");

        TestHttp.Response badRef = caller.get("/api/openai/v1/models/Not_A_Slug");
        assertThat(badRef.status()).isEqualTo(400);
        SpecCheck.valid("GET", "/api/openai/v1/models/Not_A_Slug", badRef);
        TestHttp.Response noRoute = caller.get("/api/openai/v1/chat/completions");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("error").get("code").asString()).isEqualTo("route_not_found");
        TestHttp.Response elsewhere = caller.get("/api/v1/models/no-such-model");
        assertThat(elsewhere.header("Content-Type")).startsWith("application/problem+json");
    }

    private static int tokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /** The key's one usage record, of a succeeded call: its token count and its number of texts. */
    private void assertMeteredOnce(TestKeys.Key key, int tokens, int texts) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT status, model_id, token_count, prediction_count FROM inference_logs WHERE api_key_id = ?",
                key.id());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("status", "succeeded")
                .containsEntry("model_id", modelId)
                .containsEntry("token_count", tokens)
                .containsEntry("prediction_count", texts);
    }
}
