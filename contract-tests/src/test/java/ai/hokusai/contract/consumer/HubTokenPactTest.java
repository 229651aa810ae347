package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.HUB_TOKEN;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.RawResponse;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.Credential;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts tag, the account's Hugging Face token: an admin key stores it and removes it through
 * {@code client.accounts()}. The answer says when it was stored and never shows the token; the provider verification
 * fails any answer that contains it ({@code SecretsNeverEchoed}).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class HubTokenPactTest {

    static final String PATH = "/api/v1/account/credentials/huggingface";
    private static final String ADMIN = "admin";
    private static final RequestOptions MALFORMED = ApiKeysPactTest.MALFORMED;

    private static PactDslRequestWithPath asAdmin(PactDslWithProvider builder, String description, String method) {
        return authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                .uponReceiving(description)
                .method(method)
                .path(PATH));
    }

    @Pact(consumer = CONSUMER)
    V4Pact store(PactDslWithProvider builder) {
        return json(jsonBody(
                                asAdmin(builder, "setHuggingFaceCredential: the account's Hub token", "PUT"),
                                Bodies.hubTokenRequest(HUB_TOKEN))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.credential())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "store")
    void storingAnswersWhenItWasStoredNeverTheToken(MockServer server) {
        Credential stored = Contract.sdk(server).accounts().setHuggingFaceToken(HUB_TOKEN);

        assertThat(stored.getProvider()).isEqualTo(Credential.ProviderEnum.HUGGINGFACE);
        assertThat(stored.getUpdatedAt()).isNotNull();
        assertThat(stored.toString()).doesNotContain(HUB_TOKEN);
    }

    @Pact(consumer = CONSUMER)
    V4Pact storeMalformed(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(builder, "setHuggingFaceCredential: a token with a space in it", "PUT"),
                                        Bodies.hubTokenRequest("hf_two words"))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "storeMalformed")
    void aTokenWithASpaceIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().setHuggingFaceToken("hf_two words")))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact storeWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(builder, "setHuggingFaceCredential: an X-Request-Id with spaces", "PUT")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        Bodies.hubTokenRequest(HUB_TOKEN))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "storeWithMalformedRequestId")
    void storeWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().setHuggingFaceToken(HUB_TOKEN, MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact storeWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(
                                        builder.uponReceiving("setHuggingFaceCredential: a key the server never issued")
                                                .method("PUT")
                                                .path(PATH)),
                                Bodies.hubTokenRequest(HUB_TOKEN))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "storeWithUnknownKey")
    void storeWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.accounts().setHuggingFaceToken(HUB_TOKEN)))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact remove(PactDslWithProvider builder) {
        return asAdmin(builder, "deleteHuggingFaceCredential: the account's Hub token, stored or not", "DELETE")
                .willRespondWith()
                .status(204)
                .matchHeader("X-Request-Id", Contract.REQUEST_ID_PATTERN, "req_3f9a1c")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "remove")
    void removingAnswersNoContent(MockServer server) {
        RawResponse<Void> removed =
                Contract.sdk(server).accounts().withRawResponse().deleteHuggingFaceToken();

        assertThat(removed.getStatusCode()).isEqualTo(204);
        assertThat(removed.getRequestId()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact removeWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        asAdmin(builder, "deleteHuggingFaceCredential: an X-Request-Id with spaces", "DELETE")
                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID)
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "removeWithMalformedRequestId")
    void removeWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.accounts().deleteHuggingFaceToken(MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact removeWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(
                                builder.uponReceiving("deleteHuggingFaceCredential: a key the server never issued")
                                        .method("DELETE")
                                        .path(PATH))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "removeWithUnknownKey")
    void removeWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.accounts().deleteHuggingFaceToken()))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
