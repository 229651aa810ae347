package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.SpecCheck;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.config.ApiSpecDocument;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol's routes on the real server: model 21 answers through them as through predict, a real
 * ONNX graph deployed with the {@code onnx} runtime answers as ONNX Runtime called directly, a tensor that does not fit
 * is a 400 naming it, and every request sent and every answer got is one the spec allows.
 */
class InferenceProtocolIT extends ServerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path MINILM = miniLm(newDataDir().resolve("minilm-onnx"));
    private static final String MINILM_VERSION = "minilm-q-1";

    /** Two tokenised sentences of six tokens: [CLS] … [SEP]; the second padded. */
    private static final long[][] IDS = {{101, 7592, 2088, 2003, 2204, 102}, {101, 2023, 2003, 1037, 3231, 102}};

    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final long[][] TYPES = new long[2][6];

    private final List<String> offSpec = new ArrayList<>();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ApiSpecDocument spec;

    @AfterEach
    void everyExchangeWasOneTheSpecAllows() {
        assertThat(offSpec).isEmpty();
    }

    @Test
    void model21AnswersThroughTheProtocolWithTheScoresPredictGives() {
        List<Map<String, Object>> leads =
                castList(Tenants.example("PredictRequestBatch").get("inputs"));
        List<Map<String, Object>> inputs = new ArrayList<>();
        JsonNode metadata = exchange("GET", "/v2/models/21", null).json();
        for (JsonNode input : metadata.get("inputs")) {
            String name = input.get("name").asString();
            inputs.add(tensor(
                    name,
                    input.get("datatype").asString(),
                    List.of(2L),
                    leads.stream().map(l -> l.get(name)).toList()));
        }

        TestHttp.Response inferred =
                exchange("POST", "/v2/models/21/infer", Map.of("id", "two-leads", "inputs", inputs));
        TestHttp.Response predicted = exchange("POST", "/api/v1/models/21/predict", Map.of("inputs", leads));

        assertThat(inferred.status()).as(inferred.body()).isEqualTo(200);
        JsonNode answer = inferred.json();
        assertThat(answer.get("model_name").asString()).isEqualTo("lscor-v2");
        assertThat(answer.get("model_version").asString()).isEqualTo("2.0.0");
        assertThat(answer.get("id").asString()).isEqualTo("two-leads");
        JsonNode predictions = predicted.json().get("predictions");
        Map<String, JsonNode> outputs = new LinkedHashMap<>();
        answer.get("outputs").forEach(o -> outputs.put(o.get("name").asString(), o));
        assertThat(outputs)
                .containsOnlyKeys("lead_score", "conversion_probability", "recommendation", "factors", "confidence");
        for (int i = 0; i < 2; i++) {
            JsonNode prediction = predictions.get(i);
            assertThat(outputs.get("lead_score").get("data").get(i).asLong())
                    .isEqualTo(prediction.get("lead_score").asLong());
            assertThat(outputs.get("conversion_probability").get("data").get(i).asDouble())
                    .isEqualTo(prediction.get("conversion_probability").asDouble());
            assertThat(outputs.get("confidence").get("data").get(i).asDouble())
                    .isEqualTo(prediction.get("confidence").asDouble());
            assertThat(outputs.get("recommendation").get("data").get(i).asString())
                    .isEqualTo(prediction.get("recommendation").asString());
            assertThat(JSON.readTree(outputs.get("factors").get("data").get(i).asString()))
                    .isEqualTo(prediction.get("factors"));
        }
        assertThat(outputs.get("lead_score").get("shape").get(0).asLong()).isEqualTo(2);
        assertThat(outputs.get("lead_score").get("datatype").asString()).isEqualTo("INT64");
    }

    @Test
    void theOutputsAskedForAreTheOnesAnsweredInTheirOrder() {
        Map<String, Object> body = Tenants.example("InferenceRequestOneLead");
        body.put("outputs", List.of(Map.of("name", "recommendation"), Map.of("name", "lead_score")));

        TestHttp.Response inferred = exchange("POST", "/v2/models/lscor-v2/versions/2.0.0/infer", body);

        assertThat(inferred.status()).as(inferred.body()).isEqualTo(200);
        assertThat(inferred.json()
                        .get("outputs")
                        .valueStream()
                        .map(o -> o.get("name").asString()))
                .containsExactly("recommendation", "lead_score");
    }

    @Test
    void aWrongDatatypeOrShapeIsA400NamingTheTensorWithTheProtocolsErrorMember() {
        Map<String, Object> body = Tenants.example("InferenceRequestOneLead");
        List<Map<String, Object>> inputs = castList(body.get("inputs"));
        inputs.get(0).put("datatype", "FP32");

        TestHttp.Response wrongType = exchange("POST", "/v2/models/21/infer", body);

        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        JsonNode problem = wrongType.json();
        assertThat(problem.get("code").asString()).isEqualTo("invalid_tensor");
        assertThat(problem.get("detail").asString()).contains("'company_size'");
        assertThat(problem.get("error").asString())
                .isEqualTo(problem.get("detail").asString());
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/inputs/0/datatype");

        inputs.get(0).put("datatype", "INT64");
        inputs.get(3).put("shape", List.of(1, 1));
        inputs.get(3).put("data", List.of(List.of(10)));
        TestHttp.Response wrongShape = exchange("POST", "/v2/models/21/infer", body);

        assertThat(wrongShape.status()).as(wrongShape.body()).isEqualTo(400);
        assertThat(wrongShape.json().get("detail").asString()).contains("'website_visits'");
        assertThat(wrongShape.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/inputs/3/shape");
    }

    @Test
    void aValueTheInputSchemaRefusesIsA400AtTheElementThatHoldsIt() {
        Map<String, Object> body = Tenants.example("InferenceRequestOneLead");
        castList(body.get("inputs")).get(2).put("data", List.of(250));

        TestHttp.Response refused = exchange("POST", "/v2/models/21/infer", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_tensor");
        assertThat(refused.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/inputs/2/data/0");
        assertThat(refused.json().get("detail").asString()).contains("'engagement_score'");
    }

    @Test
    void anUnknownModelOrVersionIs404AndAModelWithoutALiveDeploymentIsNotReady() {
        assertThat(exchange("GET", "/v2/models/987654321", null).status()).isEqualTo(404);
        assertThat(exchange("GET", "/v2/models/21/versions/9.9.9/ready", null).status())
                .isEqualTo(404);
        TestHttp.Response missing =
                exchange("POST", "/v2/models/no-such-model/infer", Tenants.example("InferenceRequestOneLead"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString())
                .isEqualTo(missing.json().get("detail").asString());

        int idle = register("oip-idle");
        TestHttp.Response ready = exchange("GET", "/v2/models/" + idle + "/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isFalse();
        TestHttp.Response infer =
                exchange("POST", "/v2/models/" + idle + "/infer", Tenants.example("InferenceRequestOneLead"));
        assertThat(infer.status()).as(infer.body()).isEqualTo(503);
        assertThat(infer.json().get("code").asString()).isEqualTo("model_unavailable");
        assertThat(exchange("GET", "/v2/models/21/ready", null)
                        .json()
                        .get("ready")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theServerMetadataNeedsNoKeyAndNamesTheServerTheContractVersionAndNoExtension() {
        TestHttp.Response metadata =
                record("GET", "/v2", null, http().withKey(null).get("/v2"));

        assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
        assertThat(metadata.json().get("name").asString()).isEqualTo("hokusai");
        assertThat(metadata.json().get("version").asString())
                .isEqualTo(http().withKey(null).get("/").json().get("version").asString())
                .isEqualTo(spec.apiVersion());
        assertThat(metadata.json().get("extensions").isArray()).isTrue();
        assertThat(metadata.json().get("extensions").isEmpty()).isTrue();

        // A refusal on /v2 itself carries the protocol's error member too (the spec lists no DELETE to check it by).
        TestHttp.Response refused = http().withKey(null).send("DELETE", "/v2", Map.of(), null);
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("GET");
        assertThat(refused.json().get("error").asString()).isNotBlank();
    }

    @Test
    void theServerProbesNeedNoKeyAndTheModelRoutesDo() {
        TestHttp anonymous = http().withKey(null);
        TestHttp.Response live = record("GET", "/v2/health/live", null, anonymous.get("/v2/health/live"));
        TestHttp.Response ready = record("GET", "/v2/health/ready", null, anonymous.get("/v2/health/ready"));
        TestHttp.Response model = record("GET", "/v2/models/21", null, anonymous.get("/v2/models/21"));

        assertThat(live.json().get("live").asBoolean()).isTrue();
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(model.status()).isEqualTo(401);
        assertThat(model.json().get("error").asString()).isNotBlank();
    }

    @Test
    void anOnnxGraphDeployedWithTheOnnxRuntimeListsItsTensorsAndAnswersAsOnnxRuntimeDoes() throws OrtException {
        int id = register("oip-minilm");
        String deployment = deployOnnx(id);

        JsonNode metadata = exchange("GET", "/v2/models/" + id, null).json();
        JsonNode versioned = exchange("GET", "/v2/models/" + id + "/versions/" + MINILM_VERSION, null)
                .json();
        TestHttp.Response inferred = exchange(
                "POST",
                "/v2/models/" + id + "/infer",
                Map.of(
                        "inputs",
                        List.of(
                                tensor("input_ids", "INT64", List.of(2L, 6L), nested(IDS)),
                                tensor("attention_mask", "INT64", List.of(2L, 6L), flat(MASK)),
                                tensor("token_type_ids", "INT64", List.of(2L, 6L), flat(TYPES)))));

        try (OrtSession direct = OrtEnvironment.getEnvironment()
                .createSession(MINILM.resolve("model.onnx").toString())) {
            assertThat(metadata.get("platform").asString()).isEqualTo("onnx_onnxv1");
            assertThat(metadata.get("versions").get(0).asString()).isEqualTo(MINILM_VERSION);
            assertThat(tensors(metadata.get("inputs"))).isEqualTo(asOnnxRuntimeReadsIt(direct.getInputInfo()));
            assertThat(tensors(metadata.get("outputs"))).isEqualTo(asOnnxRuntimeReadsIt(direct.getOutputInfo()));
            assertThat(versioned).isEqualTo(metadata);

            assertThat(inferred.status()).as(inferred.body()).isEqualTo(200);
            JsonNode states = inferred.json().get("outputs").get(0);
            assertThat(states.get("name").asString()).isEqualTo("last_hidden_state");
            assertThat(states.get("datatype").asString()).isEqualTo("FP32");
            assertThat(states.get("shape").valueStream().map(JsonNode::asLong)).containsExactly(2L, 6L, 384L);
            float[][][] expected = directly(direct);
            double maxDifference = 0;
            int i = 0;
            for (float[][] sentence : expected) {
                for (float[] token : sentence) {
                    for (float value : token) {
                        maxDifference = Math.max(
                                maxDifference,
                                Math.abs(states.get("data").get(i++).asDouble() - value));
                    }
                }
            }
            assertThat(i).isEqualTo(states.get("data").size());
            assertThat(maxDifference).isLessThanOrEqualTo(1e-5);
        }

        TestHttp.Response wrongType = exchange(
                "POST",
                "/v2/models/" + id + "/infer",
                Map.of(
                        "inputs",
                        List.of(
                                tensor("input_ids", "INT64", List.of(2L, 6L), flat(IDS)),
                                tensor("attention_mask", "INT32", List.of(2L, 6L), flat(MASK)),
                                tensor("token_type_ids", "INT64", List.of(2L, 6L), flat(TYPES)))));
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asString())
                .isEqualTo("Input 'attention_mask' has datatype INT32; the model takes INT64.");
        assertThat(wrongType.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/inputs/1/datatype");

        TestHttp.Response wrongShape = exchange(
                "POST",
                "/v2/models/" + id + "/infer",
                Map.of(
                        "inputs",
                        List.of(
                                tensor("input_ids", "INT64", List.of(12L), flat(IDS)),
                                tensor("attention_mask", "INT64", List.of(2L, 6L), flat(MASK)),
                                tensor("token_type_ids", "INT64", List.of(2L, 6L), flat(TYPES)))));
        assertThat(wrongShape.status()).as(wrongShape.body()).isEqualTo(400);
        assertThat(wrongShape.json().get("detail").asString()).startsWith("Input 'input_ids' has 1 dimension");
        assertThat(deployment).isNotBlank();

        TestHttp.Response predicted =
                exchange("POST", "/api/v1/models/" + id + "/predict", Tenants.example("PredictRequestOne"));
        assertThat(predicted.status())
                .as("a tensor model on predict: %s", predicted.body())
                .isEqualTo(422);
        assertThat(predicted.json().get("code").asString()).isEqualTo("invalid_request");
        assertThat(predicted.json().get("detail").asString()).contains("/v2/models/");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsAnsweredOnceAndMeteredOnce() {
        String key = Tenants.unique("oip-retry");
        String body = Tenants.json(Tenants.example("InferenceRequestOneLead"));
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);

        TestHttp.Response first =
                record("POST", "/v2/models/21/infer", body, http().send("POST", "/v2/models/21/infer", headers, body));
        TestHttp.Response again =
                record("POST", "/v2/models/21/infer", body, http().send("POST", "/v2/models/21/infer", headers, body));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM inference_logs WHERE idempotency_key = ? AND status = 'succeeded'",
                        Long.class,
                        key))
                .isEqualTo(1);
    }

    @Test
    void eachInferCallIsMeteredOnceWithTheModelItRan() {
        String requestId = Tenants.unique("oip-metered");
        String body = Tenants.json(Tenants.example("InferenceRequestOneLead"));

        TestHttp.Response answered = record(
                "POST",
                "/v2/models/21/infer",
                body,
                http().send(
                                "POST",
                                "/v2/models/21/infer",
                                Map.of("Content-Type", "application/json", "X-Request-Id", requestId),
                                body));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(jdbc.queryForList(
                        "SELECT model_id, prediction_count, status FROM inference_logs WHERE request_id = ?",
                        requestId))
                .containsExactly(Map.of("model_id", 21, "prediction_count", 1, "status", "succeeded"));
    }

    @Test
    void theSpecCheckFindsAnAnswerTheSpecDoesNotAllow() {
        record("GET", "/v2/health/live", null, http().get("/v2/health/live"));
        assertThat(offSpec).isEmpty();

        assertThat(SpecCheck.offSpec(
                        "GET", "/v2/health/live", null, 200, "application/json", "{\"live\": true, \"uptime\": 3}"))
                .isNotEmpty();
    }

    // ---- helpers ----

    private int register(String slugBase) {
        Map<String, Object> model = Tenants.leadScorerBody(Tenants.unique(slugBase), "private");
        TestHttp.Response created = http().postJson("/api/v1/models", Tenants.json(model));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asInt();
    }

    private String deployOnnx(int modelId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", MINILM_VERSION);
        body.put("runtime", "onnx");
        body.put("artifact_uri", "file://" + MINILM);
        body.put("activate", true);
        TestHttp.Response accepted = http().postJson("/api/v1/models/" + modelId + "/deployments", Tenants.json(body));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asString();
        JsonNode active = Tenants.awaitDeployment(
                http(),
                id,
                d -> "active".equals(d.get("status").asString())
                        || "failed".equals(d.get("load_status").asString()));
        assertThat(active.get("status").asString()).as(active.toString()).isEqualTo("active");
        return id;
    }

    /** Sends a request with the admin key, checks it and its answer against the spec, and returns the answer. */
    private TestHttp.Response exchange(String method, String path, Object body) {
        String json = body == null ? null : Tenants.json(body);
        TestHttp.Response response = json == null
                ? http().send(method, path, Map.of(), null)
                : http().send(method, path, Map.of("Content-Type", "application/json"), json);
        return record(method, path, json, response);
    }

    /** Checks a request sent and its answer against the spec; what the spec does not allow fails the test after it. */
    private TestHttp.Response record(String method, String path, String body, TestHttp.Response response) {
        offSpec.addAll(SpecCheck.offSpec(method, path, body, response));
        return response;
    }

    private static Map<String, Object> tensor(String name, String datatype, List<Long> shape, List<?> data) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("shape", shape);
        tensor.put("datatype", datatype);
        tensor.put("data", data);
        return tensor;
    }

    private static List<Long> flat(long[][] rows) {
        List<Long> flat = new ArrayList<>();
        for (long[] row : rows) {
            for (long value : row) {
                flat.add(value);
            }
        }
        return flat;
    }

    private static List<List<Long>> nested(long[][] rows) {
        List<List<Long>> nested = new ArrayList<>();
        for (long[] row : rows) {
            nested.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return nested;
    }

    private static float[][][] directly(OrtSession session) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor ids = OnnxTensor.createTensor(env, IDS);
                OnnxTensor mask = OnnxTensor.createTensor(env, MASK);
                OnnxTensor types = OnnxTensor.createTensor(env, TYPES);
                OrtSession.Result result =
                        session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
            return (float[][][]) result.get(0).getValue();
        }
    }

    /** name, datatype and shape of each tensor, as the metadata lists them. */
    private static List<String> tensors(JsonNode list) {
        return list.valueStream()
                .map(t -> t.get("name").asString() + " " + t.get("datatype").asString() + " "
                        + t.get("shape").valueStream().map(JsonNode::asLong).toList())
                .toList();
    }

    private static List<String> asOnnxRuntimeReadsIt(Map<String, ai.onnxruntime.NodeInfo> nodes) {
        List<String> tensors = new ArrayList<>();
        nodes.forEach((name, node) -> {
            TensorInfo info = (TensorInfo) node.getInfo();
            String datatype = switch (info.type) {
                case INT64 -> "INT64";
                case FLOAT -> "FP32";
                default -> info.type.name();
            };
            List<Long> shape = new ArrayList<>();
            for (long size : info.getShape()) {
                shape.add(size < 0 ? -1 : size);
            }
            tensors.add(name + " " + datatype + " " + shape);
        });
        return tensors;
    }

    private static Path miniLm(Path directory) {
        try {
            Files.createDirectories(directory);
            try (InputStream in =
                    InferenceProtocolIT.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
                assertThat(in).as("the graph is in the model's Maven artifact").isNotNull();
                Files.copy(in, directory.resolve("model.onnx"));
            }
            Files.writeString(directory.resolve("config.json"), "{\"version\": \"" + MINILM_VERSION + "\"}");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
