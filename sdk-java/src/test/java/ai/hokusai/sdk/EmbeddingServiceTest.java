package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.FieldError;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.model.OpenAiEmbeddingList;
import ai.hokusai.sdk.model.OpenAiEmbeddingRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddingServiceTest {

    private static final String LIST = "{\"object\": \"list\", \"data\": [{\"object\": \"embedding\", \"index\": 0, "
            + "\"embedding\": [0.5, -0.25]}], \"model\": \"minilm-embed\", "
            + "\"usage\": {\"prompt_tokens\": 6, \"total_tokens\": 6}}";

    private final StubServer stub = new StubServer();
    private final HokusaiClient client =
            clientFor(stub, new RecordingSleeper()).maxRetries(0).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void oneTextIsPostedToTheOpenAiRouteWithAnIdempotencyKey() {
        stub.json(200, LIST);

        OpenAiEmbeddingList answer = client.embeddings().create("minilm-embed", "A short one.");

        StubServer.Recorded sent = stub.requests().get(0);
        assertThat(sent.method).isEqualTo("POST");
        assertThat(sent.path).isEqualTo("/api/openai/v1/embeddings");
        assertThat(sent.headers.getFirst("Idempotency-Key")).isNotBlank();
        assertThat(sent.body).contains("\"model\":\"minilm-embed\"").contains("\"input\":\"A short one.\"");
        assertThat(EmbeddingService.vector(answer.getData().get(0).getEmbedding()))
                .containsExactly(0.5, -0.25);
        assertThat(answer.getUsage().getPromptTokens()).isEqualTo(6);
    }

    @Test
    void aBatchIsSentAsAnArrayOfTexts() {
        stub.json(200, LIST);

        client.embeddings().create("minilm-embed", List.of("a", "b"));

        assertThat(stub.requests().get(0).body).contains("\"input\":[\"a\",\"b\"]");
    }

    @Test
    void base64EmbeddingsDecodeAsLittleEndianFloat32() {
        // 0.5f and -0.25f, little-endian.
        assertThat(EmbeddingService.vector("AAAAPwAAgL4=")).containsExactly(0.5, -0.25);
    }

    @Test
    void modelsAreListedAndReadOnTheOpenAiRoutes() {
        stub.json(200, "{\"object\": \"list\", \"data\": []}");
        stub.json(
                200,
                "{\"id\": \"minilm-embed\", \"object\": \"model\", \"created\": 1795770000, \"owned_by\": \"acme\"}");

        assertThat(client.embeddings().listModels().getData()).isEmpty();
        assertThat(client.embeddings().getModel("minilm-embed").getId()).isEqualTo("minilm-embed");
        assertThat(stub.requests())
                .extracting(r -> r.path)
                .containsExactly("/api/openai/v1/models", "/api/openai/v1/models/minilm-embed");
    }

    @ParameterizedTest
    @CsvSource({
        "401, authentication_error, invalid_api_key, ai.hokusai.sdk.exception.AuthenticationException",
        "404, not_found_error, model_not_found, ai.hokusai.sdk.exception.NotFoundException",
        "422, invalid_request_error, invalid_request, ai.hokusai.sdk.exception.InvalidRequestException",
        "429, rate_limit_error, rate_limited, ai.hokusai.sdk.exception.RateLimitException",
        "503, server_error, model_unavailable, ai.hokusai.sdk.exception.ServerException",
    })
    void openAiErrorBodiesMapLikeProblems(int status, String type, String code, Class<?> expected) {
        stub.json(
                status,
                "{\"error\": {\"message\": \"Detail of " + code + "\", \"type\": \"" + type + "\", \"code\": \"" + code
                        + "\", \"request_id\": \"req_body\"}}",
                "X-Request-Id",
                "req_body");

        assertThatThrownBy(() -> client.embeddings().create("minilm-embed", "x"))
                .isExactlyInstanceOf(expected)
                .isInstanceOfSatisfying(HokusaiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(status);
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getRequestId()).isEqualTo("req_body");
                    assertThat(e.getMessage()).contains("Detail of " + code);
                });
    }

    @Test
    void theParamOfAnOpenAiErrorIsItsFieldError() {
        stub.json(
                400,
                "{\"error\": {\"message\": \"Model 22 cannot shorten its embeddings.\", \"type\": "
                        + "\"invalid_request_error\", \"code\": \"invalid_parameter\", \"param\": \"/dimensions\", "
                        + "\"request_id\": \"req_1\"}}");

        assertThatThrownBy(() -> client.embeddings()
                        .create(new OpenAiEmbeddingRequest()
                                .model("minilm-embed")
                                .input("x")
                                .dimensions(8)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getFieldErrors())
                                .containsExactly(
                                        new FieldError("/dimensions", "Model 22 cannot shorten its embeddings.")));
    }
}
