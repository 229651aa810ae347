package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.AuditEventListParams;
import ai.hokusai.sdk.model.AuditEvent;
import ai.hokusai.sdk.model.AuditEventList;
import ai.hokusai.sdk.model.AuditObjectType;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AuditEvents tag: what changed in the caller's account, filtered, through {@code client.auditEvents()}. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class AuditEventsPactTest {

    private static final String ADMIN = "admin";
    private static final String PATH = "/api/v1/audit-events";
    /** What the pact shows for the calling key's id; the key state answers the real one. */
    private static final String EXAMPLE_KEY_ID = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
    /** Well-formed (it matches the cursor pattern) but never handed out by a page. */
    private static final String FOREIGN_CURSOR = "bm90LWEtY3Vyc29y";

    /** The key state issues the caller's key: the audit trail holds that, about the key, in the caller's account. */
    @Pact(consumer = CONSUMER)
    V4Pact aboutTheCallersKey(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                .uponReceiving("listAuditEvents: the events about the calling key")
                                .method("GET")
                                .path(PATH)
                                .query("object_type=api_key")
                                .queryParameterFromProviderState("object_id", "${callerKeyId}", EXAMPLE_KEY_ID))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .minArrayLike(
                                "data", 1, Bodies.auditEvent(new PactDslJsonBody(), "api_key.create", "api_key"), 1)
                        .booleanValue("has_more", false))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "aboutTheCallersKey")
    void theTrailSaysWhatWasDoneToWhichObject(MockServer server) {
        AuditEventList events = Contract.sdk(server)
                .auditEvents()
                .list(AuditEventListParams.builder()
                        .objectType(AuditObjectType.API_KEY)
                        .objectId(EXAMPLE_KEY_ID)
                        .build());

        assertThat(events.getData()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getOperation()).isEqualTo(AuditEvent.OperationEnum.API_KEY_CREATE);
            assertThat(event.getObjectId()).isEqualTo(EXAMPLE_KEY_ID);
            assertThat(event.getChanges()).containsKey("name");
        });
        assertThat(events.getHasMore()).isFalse();
    }

    @Pact(consumer = CONSUMER)
    V4Pact withForeignCursor(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .uponReceiving("listAuditEvents: a cursor no page handed out")
                                        .method("GET")
                                        .path(PATH)
                                        .query("cursor=" + FOREIGN_CURSOR))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "withForeignCursor")
    void aForeignCursorIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.auditEvents()
                                .list(AuditEventListParams.builder()
                                        .cursor(FOREIGN_CURSOR)
                                        .build())))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("listAuditEvents: a key the server never issued")
                                .method("GET")
                                .path(PATH))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithUnknownKey")
    void listWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.auditEvents().list()))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
