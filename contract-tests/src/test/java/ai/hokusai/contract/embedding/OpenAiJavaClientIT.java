package ai.hokusai.contract.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.hokusai.sdk.ApiKeyCreateParams;
import ai.hokusai.sdk.CreatedApiKey;
import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.UsageParams;
import ai.hokusai.sdk.model.ApiKeyCreateRequest;
import ai.hokusai.sdk.model.ApiKeyScope;
import ai.hokusai.sdk.model.UsageRow;
import ai.hokusai.testsupport.ServerLauncher;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI client for Java ({@code com.openai:openai-java}) against the server as an operator runs it: the
 * executable jar on its embedded defaults, with a real sentence encoder deployed from its artifact root. The vectors
 * are predict's, the usage is the model's own tokenizer's count, each call is metered once (the key's usage report
 * says so, tokens included), and refusals raise the client's own error types. Keys, predictions and usage are read
 * through the Java SDK.
 */
class OpenAiJavaClientIT {

    private static final String SLUG = "minilm-java";
    private static final List<String> TEXTS = MiniLm.TEXTS;

    private static ServerLauncher server;
    private static Path artifact;
    private static int modelId;
    private static HokusaiClient admin;

    private final List<OpenAIClient> clients = new ArrayList<>();

    @BeforeAll
    static void deployAnEmbeddingModel() throws Exception {
        MiniLm.Served served = MiniLm.onAPackagedServer(SLUG);
        server = served.server();
        artifact = served.artifact();
        modelId = served.modelId();
        admin = HokusaiClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey(server.adminKey())
                .build();
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) server.close();
    }

    @AfterEach
    void closeTheClients() {
        clients.forEach(OpenAIClient::close);
    }

    @Test
    void oneTextAsFloatsIsPredictsVectorCountedByTheTokenizerAndMeteredOnce() throws Exception {
        CreatedApiKey key = newKey(null);
        String text = TEXTS.get(0);

        CreateEmbeddingResponse answer = client(key)
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(SLUG)
                        .input(text)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());

        assertThat(answer.data()).hasSize(1);
        assertThat(answer.data().get(0).index()).isZero();
        assertSameVector(answer.data().get(0).embedding(), predicted(text));
        assertThat(answer.model()).isEqualTo(SLUG);
        assertThat(answer.usage().promptTokens())
                .isEqualTo(MiniLm.tokens(artifact, text))
                .isPositive();
        assertThat(answer.usage().totalTokens()).isEqualTo(answer.usage().promptTokens());
        assertMeteredOnce(key, 1, MiniLm.tokens(artifact, text));
    }

    @Test
    void aBatchAsBase64ByNumberIsPredictsVectorsInOrderAndOneMeteredCall() throws Exception {
        CreatedApiKey key = newKey(null);

        CreateEmbeddingResponse answer = client(key)
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(String.valueOf(modelId))
                        .inputOfArrayOfStrings(TEXTS)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                        .build());

        assertThat(answer.data()).hasSize(TEXTS.size());
        int tokens = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(answer.data().get(i).index()).isEqualTo(i);
            assertSameVector(answer.data().get(i).embedding(), predicted(TEXTS.get(i)));
            tokens += MiniLm.tokens(artifact, TEXTS.get(i));
        }
        assertThat(answer.usage().promptTokens()).isEqualTo(tokens);
        assertMeteredOnce(key, TEXTS.size(), tokens);
    }

    @Test
    void theClientsDefaultEncodingIsServedToo() {
        CreateEmbeddingResponse answer = client(newKey(null))
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(SLUG)
                        .input(TEXTS.get(1))
                        .build());

        assertSameVector(answer.data().get(0).embedding(), predicted(TEXTS.get(1)));
    }

    @Test
    void aBadKeyIsTheClientsAuthenticationErrorCarryingOurCode() {
        assertThatThrownBy(() -> client("hk_test_notAKeyThatExists0000000000000")
                        .embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(SLUG)
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
    void overTheKeysLimitIsTheClientsRateLimitErrorWithRetryAfterAndNotMetered() throws Exception {
        CreatedApiKey key = newKey(1);
        OpenAIClient client = client(key);
        EmbeddingCreateParams params =
                EmbeddingCreateParams.builder().model(SLUG).input("hello").build();
        // One call per minute: the second is refused, or the third when the first two fall either side of a minute.
        int answered = 0;
        RateLimitException refused = null;
        for (int call = 1; call <= 3 && refused == null; call++) {
            try {
                client.embeddings().create(params);
                answered++;
            } catch (RateLimitException e) {
                refused = e;
            }
        }

        assertThat(refused).as("a 429 within three calls").isNotNull();
        assertThat(refused.code()).contains("rate_limited");
        assertThat(refused.type()).contains("rate_limit_error");
        assertThat(refused.headers().values("Retry-After")).isNotEmpty();
        assertThat(refused.headers().values("RateLimit")).isNotEmpty();
        assertMeteredOnce(key, answered, answered * MiniLm.tokens(artifact, "hello"), answered);
    }

    @Test
    void anUnknownModelAndOneThatEmbedsNothingAreTheClientsNotFoundError() {
        OpenAIClient client = client(newKey(null));
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
        OpenAIClient client = client(newKey(null));

        List<String> listed =
                client.models().list().data().stream().map(Model::id).toList();
        Model one = client.models().retrieve(SLUG);

        assertThat(listed).contains(SLUG).doesNotContain("lscor-v2");
        assertThat(one.id()).isEqualTo(SLUG);
        assertThat(client.models().retrieve(String.valueOf(modelId)).id()).isEqualTo(SLUG);
    }

    @Test
    void dimensionsAreRefusedWithACodeAndParam() {
        assertThatThrownBy(() -> client(newKey(null))
                        .embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(SLUG)
                                .input("hello")
                                .dimensions(8)
                                .build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("invalid_parameter");
                    assertThat(e.param()).contains("/dimensions");
                });
    }

    private OpenAIClient client(CreatedApiKey key) {
        return client(key.getSecret());
    }

    private OpenAIClient client(String secret) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl() + "/api/openai/v1")
                .apiKey(secret)
                .maxRetries(0)
                .build();
        clients.add(client);
        return client;
    }

    /** A new key of the admin's account, so its counts and quota start at zero. */
    private static CreatedApiKey newKey(Integer perMinute) {
        return admin.apiKeys()
                .create(ApiKeyCreateParams.builder()
                        .name("openai java client")
                        .scopes(ApiKeyScope.PREDICT)
                        .mode(ApiKeyCreateRequest.ModeEnum.TEST)
                        .rateLimitPerMinute(perMinute)
                        .build());
    }

    @SuppressWarnings("unchecked")
    private static List<Number> predicted(String text) {
        Object embedding = admin.predictions()
                .create(SLUG, Map.of("text", text))
                .getPrediction()
                .get("embedding");
        return (List<Number>) embedding;
    }

    private static void assertSameVector(List<Float> actual, List<Number> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat((double) actual.get(i))
                    .as("dimension %d", i)
                    .isCloseTo(expected.get(i).doubleValue(), within(1e-6));
        }
    }

    private static void assertMeteredOnce(CreatedApiKey key, int texts, int tokens) throws InterruptedException {
        assertMeteredOnce(key, texts, tokens, 1);
    }

    /**
     * The key's usage report, as its account's admin reads it (the key itself may be over its quota): {@code calls}
     * requests of the model with {@code texts} inputs and {@code tokens} tokens. Records reach the counts within a
     * second of the answer, so the report is read again until it has them.
     */
    private static void assertMeteredOnce(CreatedApiKey key, int texts, int tokens, int calls)
            throws InterruptedException {
        UsageParams ofTheKey = UsageParams.builder().keyId(key.getKey().getId()).build();
        List<UsageRow> rows = List.of();
        for (int attempt = 0; attempt < 25 && rows.isEmpty(); attempt++) {
            if (attempt > 0) Thread.sleep(200);
            rows = admin.usage().retrieve(ofTheKey).getData();
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getModelId()).isEqualTo(modelId);
            assertThat(row.getRequests()).isEqualTo((long) calls);
            assertThat(row.getPredictions()).isEqualTo((long) texts);
            assertThat(row.getTokens()).isEqualTo((long) tokens);
        });
    }
}
