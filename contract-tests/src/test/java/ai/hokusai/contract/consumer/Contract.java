package ai.hokusai.contract.consumer;

import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.testsupport.ExampleInputs;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * What every consumer test shares: the two parties' names, the provider states' wording, how a call is
 * authenticated, and the shape of a problem answer. One place, so a state named here is the state the provider
 * verification implements under exactly the same words.
 */
public final class Contract {

    public static final String CONSUMER = "hokusai-sdk-java";
    public static final String PROVIDER = "hokusai-model-api";

    /** Provider states, in plain English. Parameters travel beside them so the provider need not parse prose. */
    public static final class States {
        public static final String KEY_MODELS_READ = "the caller holds an API key with the models:read scope";
        public static final String KEY_PREDICT = "the caller holds an API key with the predict scope";
        public static final String KEY_ADMIN = "the caller holds an API key with the admin scope";
        /** Parameter {@code scopes}: the operation's own scope, so the refusal can only be the limit's. */
        public static final String KEY_OVER_LIMIT = "the caller holds an API key that has used up its hourly limit";

        public static final String KEY_TO_REVOKE = "an API key named 'to be revoked' exists";
        public static final String NO_KEY_ID = "no API key has the id 00000000-0000-4000-8000-000000000405";
        /** Needs the caller's key state first: the prediction is made with that key. */
        public static final String CALLER_PREDICTED = "the caller's key has scored a lead with model 21";

        public static final String OTHER_KEY_PREDICTED = "another key has scored a lead with model 21";
        public static final String NO_PREDICTION = "no prediction has the id 00000000-0000-4000-8000-000000000406";
        /** Needs the caller's key state first; parameter {@code idempotencyKey}. */
        public static final String IDEMPOTENCY_KEY_USED =
                "the caller has used the Idempotency-Key lead-4711 for another request";

        public static final String MODEL_21_ACTIVE = "model 21 has an active deployment";
        public static final String TWO_MODELS = "models 21 and 9001 are registered";
        public static final String NO_MODEL_999 = "no model answers to 999";
        public static final String BROKEN_MODEL = "model 9503 has an active deployment whose artifact cannot be loaded";
        public static final String EMBEDDING_MODEL =
                "the embedding model minilm-embed (model 9601, at most 2 texts a call) is deployed and active";
        public static final String BROKEN_EMBEDDING_MODEL =
                "the embedding model contract-broken-embed (model 9602) has an active deployment that cannot be loaded";
        public static final String NO_DEPLOYMENT = "no deployment has the id 00000000-0000-4000-8000-000000000404";
        public static final String DATABASE_DOWN = "the database is down";
        public static final String FAILED_DEPLOYMENT =
                "model 21 has a deployment 00000000-0000-4000-8000-000000000409 that failed to load";
        /** Answers {@code deploymentId}: a fresh one each time, so retiring it can be verified again and again. */
        public static final String RETIRABLE_DEPLOYMENT = "model 21 has a ready deployment that is not active";
        /** A key state of its own: a key of the operator's account with {@code platform:admin}. */
        public static final String OPERATOR = "the caller is the platform operator";

        public static final String OTHER_ACCOUNT = "another account exists with the id " + OTHER_ACCOUNT_ID;
        public static final String NO_ACCOUNT = "no account has the id " + UNKNOWN_ACCOUNT;
        /** Needs the caller's key state first: the model is the caller's account's, and private (again) each time. */
        public static final String CALLER_PRIVATE_MODEL =
                "the caller's account owns the private model " + CALLER_PRIVATE_MODEL_ID;

        public static final String OTHER_PUBLIC_MODEL =
                "another account owns the public model " + OTHER_PUBLIC_MODEL_ID;
        public static final String OTHER_PRIVATE_MODEL =
                "another account owns the private model " + OTHER_PRIVATE_MODEL_ID;

        private States() {}
    }

    public static final int BROKEN_MODEL_ID = 9503;
    public static final int EMBEDDING_MODEL_ID = 9601;
    public static final int BROKEN_EMBEDDING_MODEL_ID = 9602;
    public static final String DEPLOYMENT_21 = "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21";
    public static final String UNKNOWN_DEPLOYMENT = "00000000-0000-4000-8000-000000000404";
    public static final String FAILED_DEPLOYMENT = "00000000-0000-4000-8000-000000000409";
    public static final String UNKNOWN_KEY_ID = "00000000-0000-4000-8000-000000000405";
    public static final String UNKNOWN_PREDICTION = "00000000-0000-4000-8000-000000000406";
    public static final String USED_IDEMPOTENCY_KEY = "lead-4711";
    /**
     * The artifact root the provider verification sets, and the directory beneath it the deployments of the pacts
     * name: a fixed path, so a pact reads the same on every machine, that the verification can create.
     */
    public static final String ARTIFACT_ROOT = "/tmp/hokusai-contract-artifacts";

    public static final String ARTIFACT_URI = "file://" + ARTIFACT_ROOT + "/contract-lscor";
    public static final String OTHER_ACCOUNT_ID = "00000000-0000-4000-8000-00000000a001";
    public static final String UNKNOWN_ACCOUNT = "00000000-0000-4000-8000-000000000407";
    /*
     * The ownership states' models. A registration takes the number one above the highest, so these lie a hundred
     * apart: a model registered after one of them is set up cannot take another's number.
     */
    public static final int CALLER_PRIVATE_MODEL_ID = 9101;
    public static final int OTHER_PUBLIC_MODEL_ID = 9201;
    public static final int OTHER_PRIVATE_MODEL_ID = 9301;
    /**
     * The Hugging Face token the pacts store. The provider verification fails any answer that contains it, so no
     * operation can echo a stored token without breaking the contract.
     */
    public static final String HUB_TOKEN = "hf_ContractTokenNeverEchoed0000000000000";

    /**
     * The key the SDK sends against the mock server. The pact records it as an example only: on the provider, the
     * key state issues a real key through the server's own key service and the verifier sends that one instead.
     */
    public static final String EXAMPLE_KEY = "hk_test_ContractExampleKey0000000000000";
    /** A well-formed key no server ever issued: the 401 interactions send it as a literal. */
    public static final String UNKNOWN_KEY = "hk_test_NeverIssuedKey000000000000000000";

    public static final String REQUEST_ID_PATTERN = "[\\x21-\\x7E]{1,128}";
    public static final String TIMESTAMP_PATTERN =
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";
    public static final String EXAMPLE_TIMESTAMP = "2026-11-27T09:00:00Z";

    private Contract() {}

    /** The real SDK, pointed at the mock server. No retries: one interaction is one request. */
    public static HokusaiClient sdk(MockServer server, String apiKey) {
        return HokusaiClient.builder()
                .apiKey(apiKey)
                .baseUrl(server.getUrl())
                .maxRetries(0)
                .build();
    }

    public static HokusaiClient sdk(MockServer server) {
        return sdk(server, EXAMPLE_KEY);
    }

    /**
     * The lead every predict interaction sends: the spec's example ({@link ExampleInputs#lead()}) as the SDK's type.
     * A field the type lacks fails here instead of being dropped.
     */
    public static LeadScoringInput lead() {
        return new ObjectMapper().convertValue(ExampleInputs.lead(), LeadScoringInput.class);
    }

    /** The key state's parameters; the provider answers with {@code apiKey}, injected into the header below. */
    public static Map<String, Object> scopes(String... scopes) {
        return Map.of("scopes", String.join(",", scopes));
    }

    /** The SDK's bearer header, carrying the key the provider state issued. */
    public static PactDslRequestWithPath authenticated(PactDslRequestWithPath request) {
        return request.headerFromProviderState("Authorization", "Bearer ${apiKey}", "Bearer " + EXAMPLE_KEY);
    }

    public static PactDslRequestWithPath withUnknownKey(PactDslRequestWithPath request) {
        return request.headers("Authorization", "Bearer " + UNKNOWN_KEY);
    }

    /** A JSON request body; the header matches with or without a charset, as clients differ there. */
    public static PactDslRequestWithPath jsonBody(PactDslRequestWithPath request, DslPart body) {
        return request.body(body).matchHeader("Content-Type", "application/json.*", "application/json");
    }

    public static PactDslResponse json(PactDslResponse response) {
        return response.matchHeader("Content-Type", "application/json.*", "application/json")
                .matchHeader("X-Request-Id", REQUEST_ID_PATTERN, "req_3f9a1c");
    }

    /** A problem answer: its status and {@code code} are the point of the contract, the prose is not. */
    public static PactDslResponse problem(PactDslResponse response, int status, String code) {
        return problem(response, status, code, false);
    }

    /** A problem that names the fields at fault in {@code errors}. */
    public static PactDslResponse problemWithErrors(PactDslResponse response, int status, String code) {
        return problem(response, status, code, true);
    }

    private static PactDslResponse problem(PactDslResponse response, int status, String code, boolean errors) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringMatcher("type", "https?://\\S+#" + code, "https://docs.example/errors.html#" + code)
                .stringType("title", "A short summary")
                .numberValue("status", status)
                .stringType("detail", "What went wrong, and how to fix it.")
                .stringType("instance", "/api/v1/models/21")
                .stringValue("code", code)
                .stringMatcher("request_id", REQUEST_ID_PATTERN, "req_3f9a1c");
        if (errors) {
            body = body.eachLike("errors")
                    .stringType("pointer", "/inputs/title")
                    .stringType("message", "is invalid")
                    .closeObject()
                    .closeArray()
                    .asBody();
        }
        return response.status(status)
                .matchHeader("Content-Type", "application/problem\\+json.*", "application/problem+json")
                .matchHeader("X-Request-Id", REQUEST_ID_PATTERN, "req_3f9a1c")
                .body(body);
    }

    /** The OpenAI-compatible routes, whose errors are in the shape OpenAI's clients parse. */
    public static final String OPENAI_ROUTES = "/api/openai/";

    /** An error answer on {@code path}: a problem, or on the OpenAI-compatible routes the same code in OpenAI's shape. */
    public static PactDslResponse errorOn(PactDslResponse response, String path, int status, String code) {
        return path.startsWith(OPENAI_ROUTES) ? openAiError(response, status, code) : problem(response, status, code);
    }

    /** An error of an OpenAI-compatible route: the same status and {@code code} as a problem, in OpenAI's shape. */
    public static PactDslResponse openAiError(PactDslResponse response, int status, String code) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        PactDslJsonBody body = new PactDslJsonBody()
                .object("error")
                .stringType("message", "What went wrong, and how to fix it.")
                .stringValue("type", type)
                .stringValue("code", code)
                .stringMatcher("request_id", REQUEST_ID_PATTERN, "req_3f9a1c")
                .closeObject()
                .asBody();
        return response.status(status)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .matchHeader("X-Request-Id", REQUEST_ID_PATTERN, "req_3f9a1c")
                .body(body);
    }

    /** A 401 also tells the client how to authenticate. */
    public static PactDslResponse unauthorized(PactDslResponse response) {
        return problem(response, 401, "invalid_api_key")
                .matchHeader("WWW-Authenticate", "Bearer .*", "Bearer realm=\"hokusai\", error=\"invalid_token\"");
    }
}
