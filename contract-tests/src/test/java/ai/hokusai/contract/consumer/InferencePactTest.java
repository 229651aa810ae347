package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.USED_IDEMPOTENCY_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.sdk;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.model.InferenceRequest;
import ai.hokusai.sdk.model.InferenceResponse;
import ai.hokusai.sdk.model.InferenceServerMetadata;
import ai.hokusai.sdk.model.TensorDatatype;
import ai.hokusai.sdk.model.TensorModelMetadata;
import ai.hokusai.testsupport.ExampleInputs;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
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
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inference tag: the Open Inference Protocol routes as {@code client.inference()} calls them, every documented answer
 * the SDK can provoke. (A wrong method, an unacceptable Accept and a wrong content type are hand-built in
 * {@link EveryRouteRefusalsPactTest} and {@link HandBuiltRequestsPactTest}; a missing scope and a spent limit in
 * {@link AccessRefusalsPactTest}.)
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class InferencePactTest {

    private static final String PREDICT = "predict";
    private static final String BROKEN = "9503";
    private static final String BROKEN_VERSION = "0.0.1";
    private static final String MISSING_VERSION = "9.9.9";
    /** The SDK's own serialisation: absent values left out, empty parameters and outputs sent as they are. */
    private static final ObjectMapper SDK_JSON =
            new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The spec's example: model 21's lead, each field a named tensor, two outputs asked for. */
    static InferenceRequest lead() {
        return SDK_JSON.convertValue(ExampleInputs.inferenceRequest(), InferenceRequest.class);
    }

    /** The lead with company_size as FP32: a tensor of another datatype than the model's. */
    static InferenceRequest leadWithWrongDatatype() {
        InferenceRequest request = lead();
        request.getInputs().get(0).setDatatype(TensorDatatype.FP32);
        return request;
    }

    /** A request without any tensor: {@code inputs} needs at least one. */
    static InferenceRequest noInputs() {
        return new InferenceRequest();
    }

    static String sent(InferenceRequest request) {
        try {
            return SDK_JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One interaction: who asks, the request, and either a success body or a problem code. */
    record Case(
            String description,
            List<String> states,
            boolean keyed,
            boolean unknownKey,
            String method,
            String path,
            InferenceRequest body,
            String idempotencyKey,
            int status,
            String code,
            boolean errors,
            DslPart success,
            Function<HokusaiClient, Object> call) {}

    private static Case ok(
            String description, List<String> states, String path, DslPart body, Function<HokusaiClient, Object> call) {
        return new Case(description, states, true, false, "GET", path, null, null, 200, null, false, body, call);
    }

    private static Case refused(
            String description,
            List<String> states,
            String method,
            String path,
            InferenceRequest body,
            int status,
            String code,
            boolean errors,
            Function<HokusaiClient, Object> call) {
        return new Case(description, states, true, false, method, path, body, null, status, code, errors, null, call);
    }

    private static final List<String> PREDICT_KEY = List.of(States.KEY_PREDICT);
    private static final List<String> MODEL_21 = List.of(States.KEY_PREDICT, States.MODEL_21_ACTIVE);

    static final List<Case> CASES = List.of(
            new Case(
                    "getInferenceServerMetadata: the server names itself",
                    List.of(),
                    false,
                    false,
                    "GET",
                    "/v2",
                    null,
                    null,
                    200,
                    null,
                    false,
                    new PactDslJsonBody()
                            .stringValue("name", "hokusai")
                            .stringType("version", "1.0.0")
                            .array("extensions")
                            .closeArray(),
                    c -> c.inference().serverMetadata()),
            new Case(
                    "getInferenceServerLive: the server is live",
                    List.of(),
                    false,
                    false,
                    "GET",
                    "/v2/health/live",
                    null,
                    null,
                    200,
                    null,
                    false,
                    new PactDslJsonBody().booleanValue("live", true),
                    c -> c.inference().live()),
            new Case(
                    "getInferenceServerReady: the server takes traffic",
                    List.of(),
                    false,
                    false,
                    "GET",
                    "/v2/health/ready",
                    null,
                    null,
                    200,
                    null,
                    false,
                    new PactDslJsonBody().booleanValue("ready", true),
                    c -> c.inference().ready()),
            new Case(
                    "getInferenceServerReady: the database does not answer",
                    List.of(States.DATABASE_DOWN),
                    false,
                    false,
                    "GET",
                    "/v2/health/ready",
                    null,
                    null,
                    503,
                    null,
                    false,
                    new PactDslJsonBody().booleanValue("ready", false),
                    c -> c.inference().ready()),
            ok(
                    "getTensorModelMetadata: model 21's fields as tensors",
                    MODEL_21,
                    "/v2/models/lscor-v2",
                    metadata(),
                    c -> c.inference().metadata("lscor-v2")),
            ok(
                    "getTensorModelVersionMetadata: model 21's live version",
                    MODEL_21,
                    "/v2/models/21/versions/2.0.0",
                    metadata(),
                    c -> c.inference().metadata("21", "2.0.0")),
            ok(
                    "getTensorModelReady: model 21 is ready",
                    MODEL_21,
                    "/v2/models/21/ready",
                    ready(),
                    c -> c.inference().modelReady("21")),
            ok(
                    "getTensorModelVersionReady: model 21's live version is ready",
                    MODEL_21,
                    "/v2/models/21/versions/2.0.0/ready",
                    ready(),
                    c -> c.inference().modelReady("21", "2.0.0")),
            new Case(
                    "inferTensors: one lead as tensors scored by model 21",
                    MODEL_21,
                    true,
                    false,
                    "POST",
                    "/v2/models/21/infer",
                    lead(),
                    null,
                    200,
                    null,
                    false,
                    inferred(),
                    c -> c.inference().infer("21", lead())),
            new Case(
                    "inferTensorsOfVersion: one lead as tensors scored by model 21's live version",
                    MODEL_21,
                    true,
                    false,
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    lead(),
                    null,
                    200,
                    null,
                    false,
                    inferred(),
                    c -> c.inference().infer("21", "2.0.0", lead())),
            // 404: no model, or no such version
            refused(
                    "getTensorModelMetadata: no model answers to 999",
                    List.of(States.KEY_PREDICT, States.NO_MODEL_999),
                    "GET",
                    "/v2/models/999",
                    null,
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().metadata("999")),
            refused(
                    "getTensorModelVersionMetadata: model 21 has no version 9.9.9",
                    MODEL_21,
                    "GET",
                    "/v2/models/21/versions/" + MISSING_VERSION,
                    null,
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().metadata("21", MISSING_VERSION)),
            refused(
                    "getTensorModelReady: no model answers to 999",
                    List.of(States.KEY_PREDICT, States.NO_MODEL_999),
                    "GET",
                    "/v2/models/999/ready",
                    null,
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().modelReady("999")),
            refused(
                    "getTensorModelVersionReady: model 21 has no version 9.9.9",
                    MODEL_21,
                    "GET",
                    "/v2/models/21/versions/" + MISSING_VERSION + "/ready",
                    null,
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().modelReady("21", MISSING_VERSION)),
            refused(
                    "inferTensors: no model answers to 999",
                    List.of(States.KEY_PREDICT, States.NO_MODEL_999),
                    "POST",
                    "/v2/models/999/infer",
                    lead(),
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().infer("999", lead())),
            refused(
                    "inferTensorsOfVersion: model 21 has no version 9.9.9",
                    MODEL_21,
                    "POST",
                    "/v2/models/21/versions/" + MISSING_VERSION + "/infer",
                    lead(),
                    404,
                    "model_not_found",
                    false,
                    c -> c.inference().infer("21", MISSING_VERSION, lead())),
            // 503: the live deployment cannot be loaded
            refused(
                    "getTensorModelMetadata: a model whose artifact cannot be loaded",
                    List.of(States.KEY_PREDICT, States.BROKEN_MODEL),
                    "GET",
                    "/v2/models/" + BROKEN,
                    null,
                    503,
                    "model_unavailable",
                    false,
                    c -> c.inference().metadata(BROKEN)),
            refused(
                    "getTensorModelVersionMetadata: a model version whose artifact cannot be loaded",
                    List.of(States.KEY_PREDICT, States.BROKEN_MODEL),
                    "GET",
                    "/v2/models/" + BROKEN + "/versions/" + BROKEN_VERSION,
                    null,
                    503,
                    "model_unavailable",
                    false,
                    c -> c.inference().metadata(BROKEN, BROKEN_VERSION)),
            refused(
                    "inferTensors: a model whose artifact cannot be loaded",
                    List.of(States.KEY_PREDICT, States.BROKEN_MODEL),
                    "POST",
                    "/v2/models/" + BROKEN + "/infer",
                    lead(),
                    503,
                    "model_unavailable",
                    false,
                    c -> c.inference().infer(BROKEN, lead())),
            refused(
                    "inferTensorsOfVersion: a model version whose artifact cannot be loaded",
                    List.of(States.KEY_PREDICT, States.BROKEN_MODEL),
                    "POST",
                    "/v2/models/" + BROKEN + "/versions/" + BROKEN_VERSION + "/infer",
                    lead(),
                    503,
                    "model_unavailable",
                    false,
                    c -> c.inference().infer(BROKEN, BROKEN_VERSION, lead())),
            // 400: a tensor that does not fit, or a model name that is no number nor slug
            refused(
                    "inferTensors: company_size sent as FP32",
                    MODEL_21,
                    "POST",
                    "/v2/models/21/infer",
                    leadWithWrongDatatype(),
                    400,
                    "invalid_tensor",
                    true,
                    c -> c.inference().infer("21", leadWithWrongDatatype())),
            refused(
                    "inferTensorsOfVersion: company_size sent as FP32",
                    MODEL_21,
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    leadWithWrongDatatype(),
                    400,
                    "invalid_tensor",
                    true,
                    c -> c.inference().infer("21", "2.0.0", leadWithWrongDatatype())),
            refused(
                    "getTensorModelMetadata: a name that is neither a number nor a slug",
                    PREDICT_KEY,
                    "GET",
                    "/v2/models/Lead_Scoring",
                    null,
                    400,
                    "invalid_parameter",
                    true,
                    c -> c.inference().metadata("Lead_Scoring")),
            refused(
                    "getTensorModelVersionMetadata: a name that is neither a number nor a slug",
                    PREDICT_KEY,
                    "GET",
                    "/v2/models/Lead_Scoring/versions/2.0.0",
                    null,
                    400,
                    "invalid_parameter",
                    true,
                    c -> c.inference().metadata("Lead_Scoring", "2.0.0")),
            refused(
                    "getTensorModelReady: a name that is neither a number nor a slug",
                    PREDICT_KEY,
                    "GET",
                    "/v2/models/Lead_Scoring/ready",
                    null,
                    400,
                    "invalid_parameter",
                    true,
                    c -> c.inference().modelReady("Lead_Scoring")),
            refused(
                    "getTensorModelVersionReady: a name that is neither a number nor a slug",
                    PREDICT_KEY,
                    "GET",
                    "/v2/models/Lead_Scoring/versions/2.0.0/ready",
                    null,
                    400,
                    "invalid_parameter",
                    true,
                    c -> c.inference().modelReady("Lead_Scoring", "2.0.0")),
            // 422: a body the request schema refuses
            refused(
                    "inferTensors: a request without any tensor",
                    MODEL_21,
                    "POST",
                    "/v2/models/21/infer",
                    noInputs(),
                    422,
                    "invalid_request",
                    true,
                    c -> c.inference().infer("21", noInputs())),
            refused(
                    "inferTensorsOfVersion: a request without any tensor",
                    MODEL_21,
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    noInputs(),
                    422,
                    "invalid_request",
                    true,
                    c -> c.inference().infer("21", "2.0.0", noInputs())),
            // 409: an Idempotency-Key used before for another request
            new Case(
                    "inferTensors: an Idempotency-Key already used for another request",
                    List.of(States.KEY_PREDICT, States.MODEL_21_ACTIVE, States.IDEMPOTENCY_KEY_USED),
                    true,
                    false,
                    "POST",
                    "/v2/models/21/infer",
                    lead(),
                    USED_IDEMPOTENCY_KEY,
                    409,
                    "idempotency_conflict",
                    false,
                    null,
                    c -> c.inference().infer("21", lead(), sameKey())),
            new Case(
                    "inferTensorsOfVersion: an Idempotency-Key already used for another request",
                    List.of(States.KEY_PREDICT, States.MODEL_21_ACTIVE, States.IDEMPOTENCY_KEY_USED),
                    true,
                    false,
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    lead(),
                    USED_IDEMPOTENCY_KEY,
                    409,
                    "idempotency_conflict",
                    false,
                    null,
                    c -> c.inference().infer("21", "2.0.0", lead(), sameKey())),
            // 401: a key the server never issued
            unknownKey(
                    "getTensorModelMetadata",
                    "GET",
                    "/v2/models/21",
                    null,
                    c -> c.inference().metadata("21")),
            unknownKey(
                    "getTensorModelVersionMetadata",
                    "GET",
                    "/v2/models/21/versions/2.0.0",
                    null,
                    c -> c.inference().metadata("21", "2.0.0")),
            unknownKey(
                    "getTensorModelReady",
                    "GET",
                    "/v2/models/21/ready",
                    null,
                    c -> c.inference().modelReady("21")),
            unknownKey(
                    "getTensorModelVersionReady",
                    "GET",
                    "/v2/models/21/versions/2.0.0/ready",
                    null,
                    c -> c.inference().modelReady("21", "2.0.0")),
            unknownKey(
                    "inferTensors",
                    "POST",
                    "/v2/models/21/infer",
                    lead(),
                    c -> c.inference().infer("21", lead())),
            unknownKey(
                    "inferTensorsOfVersion",
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    lead(),
                    c -> c.inference().infer("21", "2.0.0", lead())));

    private static Case unknownKey(
            String operationId,
            String method,
            String path,
            InferenceRequest body,
            Function<HokusaiClient, Object> call) {
        return new Case(
                operationId + ": a key the server never issued",
                List.of(),
                true,
                true,
                method,
                path,
                body,
                null,
                401,
                "invalid_api_key",
                false,
                null,
                call);
    }

    private static RequestOptions sameKey() {
        return RequestOptions.builder().idempotencyKey(USED_IDEMPOTENCY_KEY).build();
    }

    private static DslPart metadata() {
        PactDslJsonBody tensor = new PactDslJsonBody()
                .stringType("name", "company_size")
                .stringMatcher("datatype", "BOOL|U?INT(8|16|32|64)|FP(16|32|64)|BYTES", "INT64")
                .eachLike("shape", PactDslJsonRootValue.integerType(-1), 1);
        return new PactDslJsonBody()
                .stringType("name", "lscor-v2")
                .array("versions")
                .stringType("2.0.0")
                .closeArray()
                .asBody()
                .stringType("platform", "hokusai_lscor-logistic")
                .minArrayLike("inputs", 1, tensor, 10)
                .minArrayLike("outputs", 1, tensor, 5);
    }

    private static DslPart ready() {
        return new PactDslJsonBody().stringType("name", "lscor-v2").booleanValue("ready", true);
    }

    private static DslPart inferred() {
        PactDslJsonBody score = new PactDslJsonBody().stringValue("name", "lead_score");
        score.array("shape").integerType(1).closeArray();
        score.stringValue("datatype", "INT64");
        score.array("data").integerType(98).closeArray();
        PactDslJsonBody tier = new PactDslJsonBody().stringValue("name", "recommendation");
        tier.array("shape").integerType(1).closeArray();
        tier.stringValue("datatype", "BYTES");
        tier.array("data").stringMatcher("Hot|Warm|Cold", "Hot").closeArray();
        PactDslJsonBody body = new PactDslJsonBody()
                .stringType("model_name", "lscor-v2")
                .stringType("model_version", "2.0.0")
                .stringValue("id", "lead-4711");
        body.array("outputs").template(score).template(tier).closeArray();
        return body;
    }

    /**
     * One pact per group: the mock server answers a request with the first interaction it matches, and a request
     * under a used Idempotency-Key, or with an unknown key, matches the lead's scoring as well.
     */
    @Pact(consumer = CONSUMER)
    V4Pact everyInferenceAnswer(PactDslWithProvider builder) {
        return interactions(builder, group(false, false));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reusedIdempotencyKeys(PactDslWithProvider builder) {
        return interactions(builder, group(true, false));
    }

    @Pact(consumer = CONSUMER)
    V4Pact unknownKeys(PactDslWithProvider builder) {
        return interactions(builder, group(false, true));
    }

    @Test
    @PactTestFor(pactMethod = "everyInferenceAnswer")
    void everyCallGetsItsDocumentedAnswer(MockServer server) {
        expectDocumentedAnswers(server, group(false, false));
    }

    @Test
    @PactTestFor(pactMethod = "reusedIdempotencyKeys")
    void anIdempotencyKeyUsedForAnotherRequestIsAConflict(MockServer server) {
        expectDocumentedAnswers(server, group(true, false));
    }

    @Test
    @PactTestFor(pactMethod = "unknownKeys")
    void aKeyTheServerNeverIssuedIsRefused(MockServer server) {
        expectDocumentedAnswers(server, group(false, true));
    }

    private static List<Case> group(boolean reusedKeys, boolean unknownKeys) {
        return CASES.stream()
                .filter(c -> (c.idempotencyKey() != null) == reusedKeys && c.unknownKey() == unknownKeys)
                .toList();
    }

    private static V4Pact interactions(PactDslWithProvider builder, List<Case> cases) {
        PactDslResponse pact = null;
        for (Case c : cases) {
            PactDslWithState withState = null;
            for (String state : c.states()) {
                Map<String, Object> params = state.equals(States.KEY_PREDICT) ? scopes(PREDICT) : Map.of();
                withState = withState != null
                        ? withState.given(state, params)
                        : pact != null ? pact.given(state, params) : builder.given(state, params);
            }
            PactDslRequestWithPath request;
            if (withState != null) {
                request = withState
                        .uponReceiving(c.description())
                        .method(c.method())
                        .path(c.path());
            } else if (pact != null) {
                request = pact.uponReceiving(c.description()).method(c.method()).path(c.path());
            } else {
                request = builder.uponReceiving(c.description())
                        .method(c.method())
                        .path(c.path());
            }
            if (c.unknownKey()) {
                request = withUnknownKey(request);
            } else if (c.keyed()) {
                request = authenticated(request);
            }
            if (c.body() != null) {
                request = request.body(sent(c.body()), "application/json")
                        .matchHeader("Content-Type", "application/json.*", "application/json");
                request = c.idempotencyKey() != null
                        ? request.headers("Idempotency-Key", c.idempotencyKey())
                        : request.matchHeader("Idempotency-Key", "[\\x21-\\x7E]{1,255}", "5b0f6c1e-lead-4711");
            }
            PactDslResponse response = request.willRespondWith();
            if (c.code() == null) {
                pact = json(response.status(c.status())).body(c.success());
            } else if (c.status() == 401) {
                pact = unauthorized(response);
            } else {
                pact = c.errors()
                        ? problemWithErrors(response, c.status(), c.code())
                        : problem(response, c.status(), c.code());
            }
        }
        return pact.toPact(V4Pact.class);
    }

    private static void expectDocumentedAnswers(MockServer server, List<Case> cases) {
        for (Case c : cases) {
            HokusaiClient client = c.unknownKey() ? sdk(server, Contract.UNKNOWN_KEY) : sdk(server);
            if (c.code() == null) {
                Object answer = c.call().apply(client);
                assertThat(answer).as(c.description()).isNotNull();
                if (answer instanceof InferenceServerMetadata named) {
                    assertThat(named.getName()).as(c.description()).isEqualTo("hokusai");
                    assertThat(named.getExtensions()).as(c.description()).isEmpty();
                } else if (answer instanceof TensorModelMetadata metadata) {
                    assertThat(metadata.getInputs()).as(c.description()).isNotEmpty();
                } else if (answer instanceof InferenceResponse inferred) {
                    assertThat(inferred.getOutputs().get(0).getName()).isEqualTo("lead_score");
                    assertThat(inferred.getId()).isEqualTo("lead-4711");
                }
            } else {
                try {
                    Object unexpected = c.call().apply(client);
                    throw new AssertionError(
                            c.description() + ": the call succeeded with " + unexpected + "; a refusal was expected");
                } catch (HokusaiException e) {
                    assertThat(new Clients.Answer(e.getStatusCode(), e.getCode()))
                            .as(c.description())
                            .isEqualTo(new Clients.Answer(c.status(), c.code()));
                }
            }
        }
    }
}
