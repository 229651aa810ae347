package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.OTHER_ACCOUNT_ID;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_ACCOUNT;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
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
import ai.hokusai.sdk.AccountCreateParams;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.Account;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
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
 * Accounts tag, the accounts themselves: the caller's own account, and the operator creating and reading accounts,
 * through {@code client.accounts()}. Scope and limit refusals are in {@link AccessRefusalsPactTest}; the Hub token in
 * {@link HubTokenPactTest}.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class AccountsPactTest {

    private static final String READ = "models:read";
    private static final String NEW_SLUG = "contract-acme-analytics";
    private static final int ACCOUNT_LIMIT = 50000;
    private static final RequestOptions MALFORMED = ApiKeysPactTest.MALFORMED;

    private static PactDslRequestWithPath asOperator(
            PactDslWithProvider builder, String description, String method, String path) {
        return authenticated(builder.given(States.OPERATOR)
                .uponReceiving(description)
                .method(method)
                .path(path));
    }

    private static AccountCreateParams newAccount(String slug) {
        return AccountCreateParams.builder()
                .slug(slug)
                .name("Acme Analytics")
                .rateLimitPerHour(ACCOUNT_LIMIT)
                .build();
    }

    // getOwnAccount

    @Pact(consumer = CONSUMER)
    V4Pact own(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .uponReceiving("getOwnAccount: the account the calling key belongs to")
                                .method("GET")
                                .path("/api/v1/account"))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.account(new PactDslJsonBody()))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "own")
    void ownReadsTheCallersAccount(MockServer server) {
        Account account = Contract.sdk(server).accounts().retrieve();

        assertThat(account.getId()).isNotNull();
        assertThat(account.getSlug()).isNotBlank();
        assertThat(account.getCreatedAt()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact ownWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving("getOwnAccount: an X-Request-Id with spaces")
                                        .method("GET")
                                        .path("/api/v1/account")
                                        .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "ownWithMalformedRequestId")
    void ownWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().retrieve(MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact ownWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getOwnAccount: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/account"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "ownWithUnknownKey")
    void ownWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.accounts().retrieve()))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // createAccount

    @Pact(consumer = CONSUMER)
    V4Pact create(PactDslWithProvider builder) {
        return json(jsonBody(
                                asOperator(
                                        builder,
                                        "createAccount: a publisher with an hourly limit for all its keys",
                                        "POST",
                                        "/api/v1/accounts"),
                                Bodies.accountRequest(NEW_SLUG, ACCOUNT_LIMIT))
                        .willRespondWith()
                        .status(201))
                .body(Bodies.account(new PactDslJsonBody())
                        .stringValue("slug", NEW_SLUG)
                        .numberValue("rate_limit_per_hour", ACCOUNT_LIMIT))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "create")
    void createAnswersTheNewAccountWithItsLimit(MockServer server) {
        Account account = Contract.sdk(server).accounts().create(newAccount(NEW_SLUG));

        assertThat(account.getId()).isNotNull();
        assertThat(account.getSlug()).isEqualTo(NEW_SLUG);
        assertThat(account.getRateLimitPerHour()).isEqualTo(ACCOUNT_LIMIT);
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithTakenSlug(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        asOperator(
                                                builder,
                                                "createAccount: the slug of the operator's own account",
                                                "POST",
                                                "/api/v1/accounts"),
                                        Bodies.accountRequest("hokusai", ACCOUNT_LIMIT))
                                .willRespondWith(),
                        409,
                        "account_slug_taken")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithTakenSlug")
    void aTakenSlugIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().create(newAccount("hokusai"))))
                .isEqualTo(new Clients.Answer(409, "account_slug_taken"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithMalformedSlug(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asOperator(
                                                builder,
                                                "createAccount: a slug with capitals and an underscore",
                                                "POST",
                                                "/api/v1/accounts"),
                                        Bodies.accountRequest("Acme_Analytics", ACCOUNT_LIMIT))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithMalformedSlug")
    void aMalformedSlugIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().create(newAccount("Acme_Analytics"))))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asOperator(
                                                        builder,
                                                        "createAccount: an X-Request-Id with spaces",
                                                        "POST",
                                                        "/api/v1/accounts")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        Bodies.accountRequest(NEW_SLUG, ACCOUNT_LIMIT))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithMalformedRequestId")
    void createWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().create(newAccount(NEW_SLUG), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("createAccount: a key the server never issued")
                                        .method("POST")
                                        .path("/api/v1/accounts")),
                                Bodies.accountRequest(NEW_SLUG, ACCOUNT_LIMIT))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createWithUnknownKey")
    void createWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.accounts().create(newAccount(NEW_SLUG))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // getAccount

    @Pact(consumer = CONSUMER)
    V4Pact get(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.OPERATOR)
                                .given(States.OTHER_ACCOUNT)
                                .uponReceiving("getAccount: another account, by the operator")
                                .method("GET")
                                .path("/api/v1/accounts/" + OTHER_ACCOUNT_ID))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.account(new PactDslJsonBody()).stringValue("id", OTHER_ACCOUNT_ID))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "get")
    void getReadsTheAccountItWasAskedFor(MockServer server) {
        Account account = Contract.sdk(server).accounts().retrieve(UUID.fromString(OTHER_ACCOUNT_ID));

        assertThat(account.getId()).isEqualTo(UUID.fromString(OTHER_ACCOUNT_ID));
        assertThat(account.getSlug()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact getUnknown(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.OPERATOR)
                                        .given(States.NO_ACCOUNT)
                                        .uponReceiving("getAccount: an id no account has")
                                        .method("GET")
                                        .path("/api/v1/accounts/" + UNKNOWN_ACCOUNT))
                                .willRespondWith(),
                        404,
                        "account_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getUnknown")
    void getAnUnknownAccountIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().retrieve(UUID.fromString(UNKNOWN_ACCOUNT))))
                .isEqualTo(new Clients.Answer(404, "account_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact getWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        asOperator(
                                        builder,
                                        "getAccount: an X-Request-Id with spaces",
                                        "GET",
                                        "/api/v1/accounts/" + UNKNOWN_ACCOUNT)
                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID)
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getWithMalformedRequestId")
    void getWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().retrieve(UUID.fromString(UNKNOWN_ACCOUNT), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact getWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getAccount: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/accounts/" + OTHER_ACCOUNT_ID))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getWithUnknownKey")
    void getWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.accounts().retrieve(UUID.fromString(OTHER_ACCOUNT_ID))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
