package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.SpecCheck;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.deployment.HubArtifacts;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
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
 * The OpenAI-compatible embeddings driven by the official OpenAI client for Java, pointed at the server: the vectors
 * are predict's, the usage is the model's own tokenizer's count, each call is metered once, and refusals raise the
 * client's own error types. Every raw answer is checked against the spec.
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
    void oneTextAsFloatsIsPredictsVectorCountedByTheTokenizerAndMeteredOnce() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        String text = TEXTS.get(0);

        CreateEmbeddingResponse answer = client(key.secret())
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(slug)
                        .input(text)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());

        assertThat(answer.data()).hasSize(1);
        assertThat(answer.data().get(0).index()).isZero();
        assertSameVector(answer.data().get(0).embedding(), predicted(text));
        assertThat(answer.model()).isEqualTo(slug);
        assertThat(answer.usage().promptTokens()).isEqualTo(tokens(text)).isPositive();
        assertThat(answer.usage().totalTokens()).isEqualTo(tokens(text));
        assertMeteredOnce(key, tokens(text), 1);
    }

    @Test
    void aBatchAsBase64IsPredictsVectorsInOrderAndOneUsageRecord() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);

        CreateEmbeddingResponse answer = client(key.secret())
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(String.valueOf(modelId))
                        .inputOfArrayOfStrings(TEXTS)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                        .build());

        assertThat(answer.data()).hasSize(TEXTS.size());
        int expectedTokens = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(answer.data().get(i).index()).isEqualTo(i);
            assertSameVector(answer.data().get(i).embedding(), predicted(TEXTS.get(i)));
            expectedTokens += tokens(TEXTS.get(i));
        }
        assertThat(answer.usage().promptTokens()).isEqualTo(expectedTokens);
        assertMeteredOnce(key, expectedTokens, TEXTS.size());
    }

    @Test
    void theClientsDefaultEncodingIsServedToo() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);

        CreateEmbeddingResponse answer = client(key.secret())
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(slug)
                        .input(TEXTS.get(1))
                        .build());

        assertSameVector(answer.data().get(0).embedding(), predicted(TEXTS.get(1)));
    }

    @Test
    void aBadKeyIsTheClientsAuthenticationErrorCarryingOurCode() {
        assertThatThrownBy(() -> client("hk_test_notAKeyThatExists0000000000000")
                        .embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(slug)
                                .input("hello")
                                .build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.code()).contains("invalid_api_key");
                    assertThat(e.type()).contains("authentication_error");
                    assertThat(e.headers().values("WWW-Authenticate")).isNotEmpty();
                });
    }

    @Test
    void overTheKeysLimitIsTheClientsRateLimitErrorWithRetryAfterAndNotMetered() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), 1, null);
        OpenAIClient client = client(key.secret());
        EmbeddingCreateParams params =
                EmbeddingCreateParams.builder().model(slug).input("hello").build();
        client.embeddings().create(params);

        assertThatThrownBy(() -> client.embeddings().create(params))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("rate_limited");
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                    assertThat(e.headers().values("RateLimit")).isNotEmpty();
                });
        assertMeteredOnce(key, tokens("hello"), 1);
    }

    @Test
    void anUnknownModelAndOneThatEmbedsNothingAreTheClientsNotFoundError() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        OpenAIClient client = client(key.secret());
        for (String model : List.of("text-embedding-3-small", "999999", "21")) {
            assertThatThrownBy(() -> client.embeddings()
                            .create(EmbeddingCreateParams.builder()
                                    .model(model)
                                    .input("hello")
                                    .build()))
                    .as(model)
                    .isInstanceOfSatisfying(
                            NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
            assertThatThrownBy(() -> client.models().retrieve(model)).as(model).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void theModelsAreTheEmbeddingModelsTheKeyMayCall() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        OpenAIClient client = client(key.secret());

        List<String> listed =
                client.models().list().data().stream().map(Model::id).toList();
        Model one = client.models().retrieve(slug);

        assertThat(listed).contains(slug).doesNotContain("lscor-v2");
        assertThat(one.id()).isEqualTo(slug);
        assertThat(client.models().retrieve(String.valueOf(modelId)).id()).isEqualTo(slug);
    }

    @Test
    void dimensionsAreRefusedWithACodeAndParam() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        assertThatThrownBy(() -> client(key.secret())
                        .embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(slug)
                                .input("hello")
                                .dimensions(8)
                                .build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("invalid_parameter");
                    assertThat(e.param()).contains("/dimensions");
                });
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

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl("http://localhost:" + port + "/api/openai/v1")
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private List<Double> predicted(String text) {
        TestHttp.Response response = http().postJson(
                        "/api/v1/models/" + modelId + "/predict", Tenants.json(Map.of("inputs", Map.of("text", text))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .get("predictions")
                .get("embedding")
                .valueStream()
                .map(JsonNode::asDouble)
                .toList();
    }

    private static void assertSameVector(List<Float> actual, List<Double> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat((double) actual.get(i)).as("dimension %d", i).isCloseTo(expected.get(i), within(1e-6));
        }
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
