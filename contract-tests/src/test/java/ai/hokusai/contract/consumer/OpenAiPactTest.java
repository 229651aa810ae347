package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.USED_IDEMPOTENCY_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.openAiError;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.EmbeddingService;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.OpenAiEmbeddingList;
import ai.hokusai.sdk.model.OpenAiModel;
import ai.hokusai.sdk.model.OpenAiModelList;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenAI tag: embeddings and embedding models through {@code client.embeddings()}, every documented outcome the other
 * tables do not hold (they hold 403, 405, 406 and 429), each error in OpenAI's shape with our code.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class OpenAiPactTest {

    private static final String EMBEDDINGS = "/api/openai/v1/embeddings";
    private static final String MODELS = "/api/openai/v1/models";
    private static final String MODEL = MODELS + "/" + Bodies.EMBEDDING_MODEL;
    private static final String BAD_REQUEST_ID = "not a request id";
    private static final String IDEMPOTENCY_PATTERN = "[\\x21-\\x7E]{1,255}";
    private static final String IDEMPOTENCY_EXAMPLE = "5b0f6c1e-0c3a-4a51-9d1e-6f7a8b9c0d1e";

    private static PactDslJsonBody embeddingRequest(String model, Object input) {
        PactDslJsonBody body = new PactDslJsonBody().stringValue("model", model);
        if (input instanceof String text) {
            body.stringValue("input", text);
        } else {
            au.com.dius.pact.consumer.dsl.PactDslJsonArray texts = body.array("input");
            for (Object text : (List<?>) input) {
                texts.stringValue((String) text);
            }
            texts.closeArray();
        }
        return body.stringValue("encoding_format", "float");
    }

    private static PactDslRequestWithPath embed(PactDslWithState state, String description, PactDslJsonBody body) {
        return jsonBody(
                        authenticated(state.uponReceiving("createOpenAiEmbeddings: " + description)
                                .method("POST")
                                .path(EMBEDDINGS)),
                        body)
                .matchHeader("Idempotency-Key", IDEMPOTENCY_PATTERN, IDEMPOTENCY_EXAMPLE);
    }

    private static PactDslWithState predictKey(PactDslWithProvider builder) {
        return builder.given(States.KEY_PREDICT, scopes("predict"));
    }

    private static PactDslWithState predictKey(PactDslResponse previous) {
        return previous.given(States.KEY_PREDICT, scopes("predict"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact served(PactDslWithProvider builder) {
        PactDslResponse response = json(embed(
                                predictKey(builder).given(States.EMBEDDING_MODEL),
                                "one text embedded",
                                Bodies.embeddingRequest())
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .stringValue("object", "list")
                        .eachLike("data")
                        .stringValue("object", "embedding")
                        .integerType("index", 0)
                        .eachLike("embedding", PactDslJsonRootValue.numberType(0.0123))
                        .closeObject()
                        .closeArray()
                        .asBody()
                        .stringValue("model", Bodies.EMBEDDING_MODEL)
                        .object("usage")
                        .integerType("prompt_tokens", 6)
                        .integerType("total_tokens", 6)
                        .closeObject());
        PactDslJsonBody model = new PactDslJsonBody()
                .stringMatcher("id", Bodies.SLUG_PATTERN, Bodies.EMBEDDING_MODEL)
                .stringValue("object", "model")
                .integerType("created", 1795770000L)
                .stringType("owned_by", Bodies.OPERATOR_ACCOUNT_ID);
        response = json(authenticated(predictKey(response)
                                .given(States.EMBEDDING_MODEL)
                                .uponReceiving("listOpenAiModels: the embedding models the key may call")
                                .method("GET")
                                .path(MODELS))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody().stringValue("object", "list").minArrayLike("data", 1, model, 1));
        return json(authenticated(predictKey(response)
                                .given(States.EMBEDDING_MODEL)
                                .uponReceiving("getOpenAiModel: an embedding model the key may call")
                                .method("GET")
                                .path(MODEL))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .stringValue("id", Bodies.EMBEDDING_MODEL)
                        .stringValue("object", "model")
                        .integerType("created", 1795770000L)
                        .stringType("owned_by", Bodies.OPERATOR_ACCOUNT_ID))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "served")
    void embeddingsAndModelsAreServed(MockServer server) {
        EmbeddingService embeddings = new Clients(server, EXAMPLE_KEY).sdk.embeddings();

        OpenAiEmbeddingList list = embeddings.create(Bodies.EMBEDDING_MODEL, Bodies.EMBEDDING_TEXT);
        OpenAiModelList models = embeddings.listModels();
        OpenAiModel model = embeddings.getModel(Bodies.EMBEDDING_MODEL);

        assertThat(EmbeddingService.vector(list.getData().get(0).getEmbedding()))
                .isNotEmpty();
        assertThat(list.getUsage().getPromptTokens()).isPositive();
        assertThat(models.getData()).isNotEmpty();
        assertThat(model.getId()).isEqualTo(Bodies.EMBEDDING_MODEL);
    }

    @Pact(consumer = CONSUMER)
    V4Pact refused(PactDslWithProvider builder) {
        // 401: a key the server never issued.
        PactDslResponse response = openAiError(
                        jsonBody(
                                        builder.uponReceiving("createOpenAiEmbeddings: a key the server never issued")
                                                .method("POST")
                                                .path(EMBEDDINGS)
                                                .headers("Authorization", "Bearer " + UNKNOWN_KEY),
                                        Bodies.embeddingRequest())
                                .willRespondWith(),
                        401,
                        "invalid_api_key")
                .matchHeader("WWW-Authenticate", "Bearer .*", "Bearer realm=\"hokusai\", error=\"invalid_token\"");
        for (String path : List.of(MODELS, MODEL)) {
            response = openAiError(
                            response.uponReceiving(operation(path) + ": a key the server never issued")
                                    .method("GET")
                                    .path(path)
                                    .headers("Authorization", "Bearer " + UNKNOWN_KEY)
                                    .willRespondWith(),
                            401,
                            "invalid_api_key")
                    .matchHeader("WWW-Authenticate", "Bearer .*", "Bearer realm=\"hokusai\", error=\"invalid_token\"");
        }
        // 400: an X-Request-Id the server refuses.
        response = openAiError(
                embed(predictKey(response), "an X-Request-Id with spaces", Bodies.embeddingRequest())
                        .headers("X-Request-Id", BAD_REQUEST_ID)
                        .willRespondWith(),
                400,
                "invalid_parameter");
        for (String path : List.of(MODELS, MODEL)) {
            response = openAiError(
                    authenticated(predictKey(response)
                                    .uponReceiving(operation(path) + ": an X-Request-Id with spaces")
                                    .method("GET")
                                    .path(path)
                                    .headers("X-Request-Id", BAD_REQUEST_ID))
                            .willRespondWith(),
                    400,
                    "invalid_parameter");
        }
        // 404: a model nobody registered.
        response = openAiError(
                embed(
                                predictKey(response),
                                "a model nobody registered",
                                embeddingRequest("no-such-model", Bodies.EMBEDDING_TEXT))
                        .willRespondWith(),
                404,
                "model_not_found");
        response = openAiError(
                authenticated(predictKey(response)
                                .uponReceiving("getOpenAiModel: a model nobody registered")
                                .method("GET")
                                .path(MODELS + "/no-such-model"))
                        .willRespondWith(),
                404,
                "model_not_found");
        // 409: an Idempotency-Key used before with another request.
        response = openAiError(
                jsonBody(
                                authenticated(predictKey(response)
                                        .given(States.IDEMPOTENCY_KEY_USED)
                                        .given(States.EMBEDDING_MODEL)
                                        .uponReceiving(
                                                "createOpenAiEmbeddings: an Idempotency-Key used before with another request")
                                        .method("POST")
                                        .path(EMBEDDINGS)
                                        .headers("Idempotency-Key", USED_IDEMPOTENCY_KEY)),
                                Bodies.embeddingRequest())
                        .willRespondWith(),
                409,
                "idempotency_conflict");
        // 413: more texts than the model's max_batch_size (2).
        response = openAiError(
                embed(
                                predictKey(response).given(States.EMBEDDING_MODEL),
                                "3 texts for a model that takes at most 2",
                                embeddingRequest(Bodies.EMBEDDING_MODEL, List.of("a", "b", "c")))
                        .willRespondWith(),
                413,
                "batch_too_large");
        // 422: no text at all.
        response = openAiError(
                embed(
                                predictKey(response).given(States.EMBEDDING_MODEL),
                                "an empty array of texts",
                                embeddingRequest(Bodies.EMBEDDING_MODEL, List.of()))
                        .willRespondWith(),
                422,
                "invalid_request");
        // 503: the model's artifact cannot be loaded.
        response = openAiError(
                embed(
                                predictKey(response).given(States.BROKEN_EMBEDDING_MODEL),
                                "a model whose artifact cannot be loaded",
                                embeddingRequest("contract-broken-embed", Bodies.EMBEDDING_TEXT))
                        .willRespondWith(),
                503,
                "model_unavailable");
        // 415: a body that is not JSON, as no SDK sends it.
        response = openAiError(
                authenticated(predictKey(response)
                                .uponReceiving("createOpenAiEmbeddings, hand-built: a text/plain body instead of JSON")
                                .method("POST")
                                .path(EMBEDDINGS)
                                .body("model=minilm-embed", "text/plain"))
                        .willRespondWith(),
                415,
                "unsupported_media_type");
        return response.toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "refused")
    void refusalsArriveAsTheSdksExceptionsWithOurCodes(MockServer server) throws Exception {
        Clients unknown = new Clients(server, UNKNOWN_KEY);
        Clients known = new Clients(server, EXAMPLE_KEY);
        RequestOptions badId =
                RequestOptions.builder().requestId(BAD_REQUEST_ID).build();

        assertThat(unknown.refusal(c -> c.sdk.embeddings().create(Bodies.EMBEDDING_MODEL, Bodies.EMBEDDING_TEXT)))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
        assertThat(unknown.refusal(c -> c.sdk.embeddings().listModels()))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
        assertThat(unknown.refusal(c -> c.sdk.embeddings().getModel(Bodies.EMBEDDING_MODEL)))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
        assertThat(known.refusal(c -> c.sdk.embeddings()
                        .create(
                                new ai.hokusai.sdk.model.OpenAiEmbeddingRequest()
                                        .model(Bodies.EMBEDDING_MODEL)
                                        .input(Bodies.EMBEDDING_TEXT),
                                badId)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
        assertThat(known.refusal(c -> c.sdk.embeddings().listModels(badId)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
        assertThat(known.refusal(c -> c.sdk.embeddings().getModel(Bodies.EMBEDDING_MODEL, badId)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
        assertThat(known.refusal(c -> c.sdk.embeddings().create("no-such-model", Bodies.EMBEDDING_TEXT)))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
        assertThat(known.refusal(c -> c.sdk.embeddings().getModel("no-such-model")))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
        assertThat(known.refusal(c -> c.sdk.embeddings()
                        .create(
                                new ai.hokusai.sdk.model.OpenAiEmbeddingRequest()
                                        .model(Bodies.EMBEDDING_MODEL)
                                        .input(Bodies.EMBEDDING_TEXT),
                                RequestOptions.builder()
                                        .idempotencyKey(USED_IDEMPOTENCY_KEY)
                                        .build())))
                .isEqualTo(new Clients.Answer(409, "idempotency_conflict"));
        assertThat(known.refusal(c -> c.sdk.embeddings().create(Bodies.EMBEDDING_MODEL, List.of("a", "b", "c"))))
                .isEqualTo(new Clients.Answer(413, "batch_too_large"));
        assertThat(known.refusal(c -> c.sdk.embeddings().create(Bodies.EMBEDDING_MODEL, List.<String>of())))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
        assertThat(known.refusal(c -> c.sdk.embeddings().create("contract-broken-embed", Bodies.EMBEDDING_TEXT)))
                .isEqualTo(new Clients.Answer(503, "model_unavailable"));
        HttpResponse<String> form = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getUrl() + EMBEDDINGS))
                                .header("Authorization", "Bearer " + EXAMPLE_KEY)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("model=minilm-embed"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("\"code\":\"unsupported_media_type\"");
    }

    private static String operation(String path) {
        return path.equals(MODELS) ? "listOpenAiModels" : "getOpenAiModel";
    }
}
