package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.OTHER_ACCOUNT_ID;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY_ID;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.ApiKeyCreateParams;
import ai.hokusai.sdk.CreatedApiKey;
import ai.hokusai.sdk.RawResponse;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.ApiKeyList;
import ai.hokusai.sdk.model.ApiKeyScope;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ApiKeys tag: create, list and revoke keys with an admin key, through {@code client.apiKeys()}. Scope and limit
 * refusals are in {@link AccessRefusalsPactTest}.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ApiKeysPactTest {

    private static final String ADMIN = "admin";
    /** Breaks the X-Request-Id pattern (visible ASCII only): the one parameter every operation takes. */
    static final String MALFORMED_REQUEST_ID = "not a request id";

    static final RequestOptions MALFORMED =
            RequestOptions.builder().requestId(MALFORMED_REQUEST_ID).build();

    @Pact(consumer = CONSUMER)
    V4Pact create(PactDslWithProvider builder) {
        return json(jsonBody(
                                authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .uponReceiving("createApiKey: a predict key for an integration")
                                        .method("POST")
                                        .path("/api/v1/api-keys")),
                                Bodies.keyRequest())
                        .willRespondWith()
                        .status(201))
                .body(Bodies.apiKey(new PactDslJsonBody())
                        .stringMatcher(
                                "key", "hk_(live|test)_[0-9A-Za-z]{32}", "hk_live_7Qm2xT9aZ0bC1dE2fG3hJ4kL5mN6pQ7r"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "create")
    void createShowsTheSecretOnceWithItsPrefix(MockServer server) {
        CreatedApiKey created = new Clients(server, EXAMPLE_KEY)
                .sdk
                .apiKeys()
                .create(keyParams().build());

        assertThat(created.getSecret()).startsWith(created.getKey().getPrefix());
        assertThat(created.getKey().getScopes()).isNotEmpty();
    }

    /** Only the operator issues keys into another account: an account's first key is issued this way. */
    @Pact(consumer = CONSUMER)
    V4Pact createForAnotherAccount(PactDslWithProvider builder) {
        return json(jsonBody(
                                authenticated(builder.given(States.OPERATOR)
                                        .given(States.OTHER_ACCOUNT)
                                        .uponReceiving(
                                                "createApiKey: the first key of another account, by the operator")
                                        .method("POST")
                                        .path("/api/v1/api-keys")),
                                Bodies.keyRequest().stringValue("account_id", OTHER_ACCOUNT_ID))
                        .willRespondWith()
                        .status(201))
                .body(Bodies.apiKey(new PactDslJsonBody(), OTHER_ACCOUNT_ID)
                        .stringMatcher(
                                "key", "hk_(live|test)_[0-9A-Za-z]{32}", "hk_live_7Qm2xT9aZ0bC1dE2fG3hJ4kL5mN6pQ7r"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createForAnotherAccount")
    void theOperatorIssuesAKeyOfTheAccountItNames(MockServer server) {
        CreatedApiKey created = new Clients(server, EXAMPLE_KEY)
                .sdk
                .apiKeys()
                .create(keyParams().accountId(UUID.fromString(OTHER_ACCOUNT_ID)).build());

        assertThat(created.getKey().getAccountId()).isEqualTo(UUID.fromString(OTHER_ACCOUNT_ID));
        assertThat(created.getSecret()).startsWith(created.getKey().getPrefix());
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithZeroLimit(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                                .uponReceiving("createApiKey: a per-minute limit of zero")
                                                .method("POST")
                                                .path("/api/v1/api-keys")),
                                        Bodies.keyRequest().numberValue("rate_limit_per_minute", 0))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithZeroLimit")
    void aZeroLimitIsAnInvalidRequest(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c ->
                        c.sdk.apiKeys().create(keyParams().rateLimitPerMinute(0).build())))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                                .uponReceiving("createApiKey: an X-Request-Id with spaces")
                                                .method("POST")
                                                .path("/api/v1/api-keys")
                                                .headers("X-Request-Id", MALFORMED_REQUEST_ID)),
                                        Bodies.keyRequest())
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithMalformedRequestId")
    void aMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().create(keyParams().build(), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("createApiKey: a key the server never issued")
                                        .method("POST")
                                        .path("/api/v1/api-keys")),
                                Bodies.keyRequest())
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithUnknownKey")
    void createWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        Clients clients = new Clients(server, UNKNOWN_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().create(keyParams().build())))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact list(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                .uponReceiving("listApiKeys: every key, masked")
                                .method("GET")
                                .path("/api/v1/api-keys"))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody().minArrayLike("data", 1, Bodies.apiKey(new PactDslJsonBody()), 1))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "list")
    void listShowsPrefixesNeverSecrets(MockServer server) {
        ApiKeyList keys = new Clients(server, EXAMPLE_KEY).sdk.apiKeys().list();

        assertThat(keys.getData())
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.getPrefix()).hasSize(16));
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .uponReceiving("listApiKeys: an X-Request-Id with spaces")
                                        .method("GET")
                                        .path("/api/v1/api-keys")
                                        .headers("X-Request-Id", MALFORMED_REQUEST_ID))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithMalformedRequestId")
    void listWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().list(MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("listApiKeys: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/api-keys"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithUnknownKey")
    void listWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        Clients clients = new Clients(server, UNKNOWN_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().list())).isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact revoke(PactDslWithProvider builder) {
        return authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                        .given(States.KEY_TO_REVOKE)
                        .uponReceiving("revokeApiKey: a key that exists")
                        .method("DELETE")
                        .pathFromProviderState("/api/v1/api-keys/${keyId}", "/api/v1/api-keys/" + EXAMPLE_ID))
                .willRespondWith()
                .status(204)
                .matchHeader("X-Request-Id", Contract.REQUEST_ID_PATTERN, "req_3f9a1c")
                .toPact(V4Pact.class);
    }

    private static final String EXAMPLE_ID = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

    @Test
    @PactTestFor(pactMethod = "revoke")
    void revokeAnswersNoContent(MockServer server) {
        RawResponse<Void> revoked =
                new Clients(server, EXAMPLE_KEY).sdk.apiKeys().withRawResponse().revoke(UUID.fromString(EXAMPLE_ID));

        assertThat(revoked.getStatusCode()).isEqualTo(204);
        assertThat(revoked.getRequestId()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact revokeUnknown(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .given(States.NO_KEY_ID)
                                        .uponReceiving("revokeApiKey: an id no key has")
                                        .method("DELETE")
                                        .path("/api/v1/api-keys/" + UNKNOWN_KEY_ID))
                                .willRespondWith(),
                        404,
                        "api_key_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "revokeUnknown")
    void revokingAnUnknownKeyIsNotFound(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().revoke(UUID.fromString(UNKNOWN_KEY_ID))))
                .isEqualTo(new Clients.Answer(404, "api_key_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact revokeWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .uponReceiving("revokeApiKey: an X-Request-Id with spaces")
                                        .method("DELETE")
                                        .path("/api/v1/api-keys/" + UNKNOWN_KEY_ID)
                                        .headers("X-Request-Id", MALFORMED_REQUEST_ID))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "revokeWithMalformedRequestId")
    void revokeWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().revoke(UUID.fromString(UNKNOWN_KEY_ID), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact revokeWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("revokeApiKey: a key the server never issued")
                                .method("DELETE")
                                .path("/api/v1/api-keys/" + UNKNOWN_KEY_ID))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "revokeWithUnknownKey")
    void revokeWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        Clients clients = new Clients(server, UNKNOWN_KEY);
        assertThat(clients.refusal(c -> c.sdk.apiKeys().revoke(UUID.fromString(UNKNOWN_KEY_ID))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    static ApiKeyCreateParams.Builder keyParams() {
        return ApiKeyCreateParams.builder().name("CRM integration").scopes(ApiKeyScope.PREDICT);
    }
}
