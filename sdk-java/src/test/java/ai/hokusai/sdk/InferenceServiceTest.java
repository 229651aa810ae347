package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.model.InferenceRequest;
import ai.hokusai.sdk.model.InferenceRequestInput;
import ai.hokusai.sdk.model.InferenceRequestOutput;
import ai.hokusai.sdk.model.InferenceResponse;
import ai.hokusai.sdk.model.InferenceServerMetadata;
import ai.hokusai.sdk.model.TensorDatatype;
import ai.hokusai.sdk.model.TensorModelMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceServiceTest {

    private static final String METADATA = "{\"name\":\"lscor-v2\",\"versions\":[\"2.0.0\"],"
            + "\"platform\":\"hokusai_lscor-logistic\","
            + "\"inputs\":[{\"name\":\"company_size\",\"datatype\":\"INT64\",\"shape\":[-1]}],"
            + "\"outputs\":[{\"name\":\"lead_score\",\"datatype\":\"INT64\",\"shape\":[-1]}]}";
    private static final String INFERRED = "{\"model_name\":\"lscor-v2\",\"model_version\":\"2.0.0\","
            + "\"id\":\"lead-4711\",\"outputs\":[{\"name\":\"lead_score\",\"shape\":[1],\"datatype\":\"INT64\","
            + "\"data\":[98]}]}";

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void serverMetadataNamesTheServerItsVersionAndItsExtensions() {
        stub.json(200, "{\"name\":\"hokusai\",\"version\":\"1.0.0\",\"extensions\":[]}");

        InferenceServerMetadata metadata = client.inference().serverMetadata();

        assertThat(metadata.getName()).isEqualTo("hokusai");
        assertThat(metadata.getVersion()).isEqualTo("1.0.0");
        assertThat(metadata.getExtensions()).isEmpty();
        assertThat(stub.lastRequest().method).isEqualTo("GET");
        assertThat(stub.lastRequest().path).isEqualTo("/v2");
    }

    @Test
    void metadataListsTheModelsTensors() {
        stub.json(200, METADATA);

        TensorModelMetadata metadata = client.inference().metadata("lscor-v2");

        assertThat(metadata.getPlatform()).isEqualTo("hokusai_lscor-logistic");
        assertThat(metadata.getInputs().get(0).getDatatype()).isEqualTo(TensorDatatype.INT64);
        assertThat(metadata.getInputs().get(0).getShape()).containsExactly(-1L);
        assertThat(stub.lastRequest().path).isEqualTo("/v2/models/lscor-v2");
    }

    @Test
    void aVersionIsSentInThePath() {
        stub.json(200, METADATA).json(200, "{\"name\":\"lscor-v2\",\"ready\":true}");

        client.inference().metadata("21", "2.0.0");
        assertThat(stub.lastRequest().path).isEqualTo("/v2/models/21/versions/2.0.0");
        assertThat(client.inference().modelReady("21", "2.0.0").getReady()).isTrue();
        assertThat(stub.lastRequest().path).isEqualTo("/v2/models/21/versions/2.0.0/ready");
    }

    @Test
    void inferPostsTheTensorsWithAnAutomaticIdempotencyKey() throws Exception {
        stub.json(200, INFERRED, "X-Request-Id", "req_i");

        RawResponse<InferenceResponse> answer = client.inference()
                .withRawResponse()
                .infer(
                        "21",
                        new InferenceRequest()
                                .id("lead-4711")
                                .addInputsItem(new InferenceRequestInput()
                                        .name("company_size")
                                        .datatype(TensorDatatype.INT64)
                                        .shape(List.of(1L))
                                        .data(List.of(1000)))
                                .addOutputsItem(new InferenceRequestOutput().name("lead_score")));

        assertThat(answer.getValue().getOutputs().get(0).getData()).containsExactly(98);
        assertThat(answer.getValue().getId()).isEqualTo("lead-4711");
        assertThat(answer.getRequestId()).isEqualTo("req_i");
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/v2/models/21/infer");
        assertThat(request.header("Idempotency-Key")).isNotBlank();
        JsonNode body = json.readTree(request.body);
        assertThat(body.get("inputs").get(0).get("datatype").asText()).isEqualTo("INT64");
        assertThat(body.get("inputs").get(0).get("data").get(0).asInt()).isEqualTo(1000);
        assertThat(body.get("outputs").get(0).get("name").asText()).isEqualTo("lead_score");
    }

    @Test
    void theRequestIsSentAsTheProtocolsJsonWithEmptyParametersAndEveryOutput() throws Exception {
        stub.json(200, INFERRED);

        client.inference()
                .infer(
                        "21",
                        new InferenceRequest()
                                .addInputsItem(new InferenceRequestInput()
                                        .name("company_size")
                                        .datatype(TensorDatatype.INT64)
                                        .shape(List.of(1L))
                                        .data(List.of(1000))));

        assertThat(stub.lastRequest().body)
                .isEqualTo("{\"parameters\":{},\"inputs\":[{\"name\":\"company_size\",\"shape\":[1],"
                        + "\"datatype\":\"INT64\",\"parameters\":{},\"data\":[1000]}],\"outputs\":[]}");
    }

    @Test
    void aTensorThatDoesNotFitIsAnInvalidRequestPointingAtIt() {
        stub.problem(
                400,
                TestData.problem(
                        400, "invalid_tensor", "req_t", "[{\"pointer\":\"/inputs/0/datatype\",\"message\":\"m\"}]"));

        InvalidRequestException refused = catchThrowableOfType(
                InvalidRequestException.class, () -> client.inference().infer("21", "2.0.0", new InferenceRequest()));

        assertThat(refused.getCode()).isEqualTo("invalid_tensor");
        assertThat(refused.getPointers()).containsExactly("/inputs/0/datatype");
        assertThat(stub.lastRequest().path).isEqualTo("/v2/models/21/versions/2.0.0/infer");
    }

    @Test
    void aServerNotReadyIsAnsweredAsAValueWithoutRetrying() {
        stub.json(503, "{\"ready\":false}");

        RawResponse<ai.hokusai.sdk.model.InferenceServerReady> ready =
                client.inference().withRawResponse().ready();

        assertThat(ready.getStatusCode()).isEqualTo(503);
        assertThat(ready.getValue().getReady()).isFalse();
        assertThat(stub.attempts()).isEqualTo(1);
    }
}
