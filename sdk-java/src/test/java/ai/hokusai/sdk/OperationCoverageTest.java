package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.model.ApiKeyScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Holds the facade to the spec: every {@code operationId} has a facade method that sends it, and the SDK's
 * {@link Operation} table agrees with the spec on each operation's method, required scope and idempotency key.
 * A new operation in the spec fails this test, by name, until the facade offers it.
 */
class OperationCoverageTest {

    private static final Path SPEC = Path.of("..", "api-spec", "src", "main", "openapi", "openapi.yaml");
    private static final UUID ID = UUID.fromString("3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f");

    /** operationId → a facade call that should send it. */
    private static final Map<String, Consumer<HokusaiClient>> FACADE = new LinkedHashMap<>();

    static {
        FACADE.put("listModels", client -> client.models().list());
        FACADE.put("getModel", client -> client.models().get("21"));
        FACADE.put("getModelInfo", client -> client.models().info("21"));
        FACADE.put("getModelHealth", client -> client.models().health("21"));
        FACADE.put("getModelUsage", client -> client.models().usage("21"));
        FACADE.put("predict", client -> client.predictions().create("21", lead()));
        FACADE.put("listModelDeployments", client -> client.deployments().list("21"));
        FACADE.put("getDeployment", client -> client.deployments().get(ID));
        FACADE.put(
                "createModel",
                client -> client.models()
                        .create(new ai.hokusai.sdk.model.ModelCreateRequest()
                                .slug("m")
                                .name("n")
                                .task("t")
                                .inputSchema(Map.of("type", "object"))
                                .outputSchema(Map.of())));
        FACADE.put(
                "updateModel",
                client -> client.models()
                        .update(
                                "21",
                                ModelUpdateParams.builder().cacheTtlSeconds(60).build()));
        FACADE.put(
                "createDeployment",
                client -> client.deployments()
                        .create(
                                "21",
                                new ai.hokusai.sdk.model.DeploymentCreateRequest()
                                        .version("1")
                                        .runtime("lscor-logistic")
                                        .artifactUri("hf://acme/lscor")));
        FACADE.put("activateDeployment", client -> client.deployments().activate(ID));
        FACADE.put("retireDeployment", client -> client.deployments().retire(ID));
        FACADE.put(
                "createApiKey",
                client -> client.apiKeys()
                        .create(ApiKeyCreateParams.builder()
                                .name("n")
                                .scopes(ApiKeyScope.PREDICT)
                                .build()));
        FACADE.put("listApiKeys", client -> client.apiKeys().list());
        FACADE.put("revokeApiKey", client -> client.apiKeys().revoke(ID));
        FACADE.put("getUsage", client -> client.usage().retrieve());
        FACADE.put("reportOutcome", client -> client.outcomes().report(ID, 1.0, "conversion"));
        FACADE.put("getOwnAccount", client -> client.accounts().retrieve());
        FACADE.put("getAccount", client -> client.accounts().retrieve(ID));
        FACADE.put(
                "createAccount",
                client -> client.accounts()
                        .create(AccountCreateParams.builder()
                                .slug("acme-analytics")
                                .name("Acme Analytics")
                                .build()));
        FACADE.put("setHuggingFaceCredential", client -> client.accounts().setHuggingFaceToken("hf_token"));
        FACADE.put("deleteHuggingFaceCredential", client -> client.accounts().deleteHuggingFaceToken());
        FACADE.put("listAuditEvents", client -> client.auditEvents().list());
        FACADE.put("getLiveness", client -> client.system().liveness());
        FACADE.put("getReadiness", client -> client.system().readiness());
        FACADE.put("getOpenApiDocument", client -> client.system().openApiDocument());
        FACADE.put("getApiIndex", client -> client.system().index());
        FACADE.put("getInferenceServerMetadata", client -> client.inference().serverMetadata());
        FACADE.put("getInferenceServerLive", client -> client.inference().live());
        FACADE.put("getInferenceServerReady", client -> client.inference().ready());
        FACADE.put("getTensorModelMetadata", client -> client.inference().metadata("21"));
        FACADE.put("getTensorModelVersionMetadata", client -> client.inference().metadata("21", "2.0.0"));
        FACADE.put("getTensorModelReady", client -> client.inference().modelReady("21"));
        FACADE.put("getTensorModelVersionReady", client -> client.inference().modelReady("21", "2.0.0"));
        FACADE.put(
                "inferTensors", client -> client.inference().infer("21", new ai.hokusai.sdk.model.InferenceRequest()));
        FACADE.put(
                "inferTensorsOfVersion",
                client -> client.inference().infer("21", "2.0.0", new ai.hokusai.sdk.model.InferenceRequest()));
        FACADE.put("createOpenAiEmbeddings", client -> client.embeddings().create("minilm-embed", "A short one."));
        FACADE.put("listOpenAiModels", client -> client.embeddings().listModels());
        FACADE.put("getOpenAiModel", client -> client.embeddings().getModel("minilm-embed"));
    }

    private final StubServer stub = new StubServer();
    private final HokusaiClient client =
            clientFor(stub, new RecordingSleeper()).maxRetries(0).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void everySpecOperationHasAFacadeMethod() throws IOException {
        Set<String> specified = specOperations().keySet();

        assertThat(new TreeSet<>(FACADE.keySet()))
                .as("operations of the spec without a facade method (add one, and a row to FACADE)")
                .containsAll(specified);
        assertThat(new TreeSet<>(specified))
                .as("facade rows for operations the spec no longer has")
                .containsAll(FACADE.keySet());
    }

    @Test
    void eachFacadeMethodSendsItsOperation() throws IOException {
        // Any answer will do: what counts is the request that reached the server.
        stub.problem(500, TestData.problem(500, "internal_error", "req_1", null));

        for (Map.Entry<String, SpecOperation> operation : specOperations().entrySet()) {
            Consumer<HokusaiClient> call = FACADE.get(operation.getKey());
            if (call == null) {
                continue; // reported by everySpecOperationHasAFacadeMethod
            }
            int before = stub.attempts();
            var unused = catchThrowable(() -> call.accept(client));

            assertThat(stub.attempts())
                    .as(operation.getKey() + " sent one request")
                    .isEqualTo(before + 1);
            StubServer.Recorded sent = stub.lastRequest();
            assertThat(sent.method).as(operation.getKey() + " method").isEqualTo(operation.getValue().method);
            assertThat(sent.path)
                    .as(operation.getKey() + " path")
                    .matches(operation.getValue().pathPattern());
        }
    }

    @Test
    void operationTableAgreesWithTheSpec() throws IOException {
        Map<String, SpecOperation> spec = specOperations();

        assertThat(Arrays.stream(Operation.values()).map(Operation::operationId).collect(Collectors.toSet()))
                .as("the SDK's Operation table")
                .isEqualTo(spec.keySet());
        for (Operation operation : Operation.values()) {
            SpecOperation specified = spec.get(operation.operationId());
            assertThat(operation.method()).as(operation + " method").isEqualTo(specified.method);
            assertThat(operation.requiredScope())
                    .as(operation + " x-required-scope")
                    .isEqualTo(specified.requiredScope);
            assertThat(operation.takesIdempotencyKey())
                    .as(operation + " takes Idempotency-Key")
                    .isEqualTo(specified.takesIdempotencyKey);
        }
    }

    /** The spec's operations by operationId. */
    @SuppressWarnings("unchecked")
    private static Map<String, SpecOperation> specOperations() throws IOException {
        Map<String, Object> document;
        try (InputStream in = Files.newInputStream(SPEC)) {
            document = new Yaml().load(in);
        }
        Map<String, SpecOperation> operations = new LinkedHashMap<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (Map.Entry<String, Object> method : ((Map<String, Object>) path.getValue()).entrySet()) {
                Map<String, Object> operation = (Map<String, Object>) method.getValue();
                List<Map<String, Object>> parameters =
                        (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
                boolean idempotencyKey = parameters.stream()
                        .anyMatch(p -> "#/components/parameters/IdempotencyKey".equals(p.get("$ref")));
                operations.put(
                        (String) operation.get("operationId"),
                        new SpecOperation(
                                method.getKey().toUpperCase(java.util.Locale.ROOT),
                                path.getKey(),
                                (String) operation.get("x-required-scope"),
                                idempotencyKey));
            }
        }
        return operations;
    }

    private static final class SpecOperation {
        final String method;
        final String path;
        final String requiredScope;
        final boolean takesIdempotencyKey;

        SpecOperation(String method, String path, String requiredScope, boolean takesIdempotencyKey) {
            this.method = method;
            this.path = path;
            this.requiredScope = requiredScope;
            this.takesIdempotencyKey = takesIdempotencyKey;
        }

        /** The path template as a regex: each {@code {parameter}} stands for one path segment. */
        String pathPattern() {
            return java.util.regex.Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        }
    }
}
