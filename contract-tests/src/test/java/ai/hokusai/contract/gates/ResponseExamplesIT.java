package ai.hokusai.contract.gates;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ServerLauncher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Examples are evidence: every success example of the spec (so every one the docs and the reference show) is what the
 * real server answers to the matching request example, value by value. A number typed by hand, or a model that
 * changed without its examples, fails the build until they agree again.
 */
class ResponseExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerLauncher server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerLauncher.builder()
                .env(SecretsKeys.VARIABLE, SecretsKeys.newKey())
                .start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    private static ResponseExamples spec() {
        return new ResponseExamples(ResponseExamples.read(RecordedInteractions.specFile()));
    }

    @TestFactory
    Stream<DynamicTest> everySuccessExampleIsWhatTheServerAnswers() {
        List<ResponseExamples.Case> cases = spec().cases();
        assertThat(cases)
                .extracting(ResponseExamples.Case::operationId)
                .contains("listModels", "getModel", "getModelInfo", "getModelHealth", "predict", "getDeployment");
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.toString(),
                        () -> assertThat(differences(c))
                                .as("%s %s answers otherwise than the spec's example %s", c.method(), c.path(), c)
                                .isEmpty()));
    }

    @Test
    void everyExemptionNamesAnOperationWithAnExample() {
        assertThat(spec().needlessExemptions()).isEmpty();
    }

    @Test
    void aNumberChangedInAnExampleFailsTheGate() throws Exception {
        ResponseExamples drifted = spec();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        drifted.namedExample("PredictResponseOne").path("predictions"))
                .put("lead_score", 82);
        ResponseExamples.Case predict = drifted.cases().stream()
                .filter(c ->
                        c.operationId().equals("predict") && c.exampleName().equals("oneLead"))
                .findFirst()
                .orElseThrow();
        assertThat(differences(predict))
                .singleElement()
                .asString()
                .startsWith("/predictions/lead_score: documented 82, the server answers ");
    }

    private static List<String> differences(ResponseExamples.Case c) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + c.path())).header("X-API-Key", server.adminKey());
        if (c.requestBody() != null) {
            request.header("Content-Type", "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(c.requestBody())));
        } else {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(String.valueOf(response.statusCode()))
                .as("%s %s: %s", c.method(), c.path(), response.body())
                .isEqualTo(c.status());
        JsonNode answer = JSON.readTree(response.body());
        return ExampleEvidence.differences(c.example(), answer);
    }
}
