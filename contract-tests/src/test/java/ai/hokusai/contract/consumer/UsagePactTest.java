package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.UsageParams;
import ai.hokusai.sdk.model.UsageReport;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Usage tag: a key's metered calls per model and day, through {@code client.usage()}. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class UsagePactTest {

    private static final String PREDICT = "predict";
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

    @Pact(consumer = CONSUMER)
    V4Pact usage(PactDslWithProvider builder) {
        PactDslJsonBody row = new PactDslJsonBody()
                .stringMatcher("date", DATE, "2026-11-27")
                .integerType("model_id", 21)
                .integerType("requests", 2)
                .integerType("predictions", 5)
                .integerType("tokens", 0);
        return json(authenticated(builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                .uponReceiving("getUsage: the caller's counts for the last 30 days")
                                .method("GET")
                                .path("/api/v1/usage"))
                        .willRespondWith()
                        .status(200))
                // Counts reach the report in batches, so a fresh key may have no row yet: zero or more rows.
                .body(new PactDslJsonBody()
                        .uuid("account_id", Bodies.OPERATOR_ACCOUNT_ID)
                        .uuid("key_id", "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
                        .stringMatcher("from", DATE, "2026-10-28")
                        .stringMatcher("to", DATE, "2026-11-27")
                        .minArrayLike("data", 0, row, 1))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "usage")
    void usageCountsPerModelAndDay(MockServer server) {
        UsageReport report = new Clients(server, EXAMPLE_KEY).sdk.usage().retrieve();

        assertThat(report.getFrom()).isBeforeOrEqualTo(report.getTo());
        assertThat(report.getData())
                .allSatisfy(row -> assertThat(row.getPredictions()).isNotNegative());
    }

    /** The caller has called model 21, so the account's report has a row, and each row names its key. */
    @Pact(consumer = CONSUMER)
    V4Pact accountUsage(PactDslWithProvider builder) {
        PactDslJsonBody row = new PactDslJsonBody()
                .stringMatcher("date", DATE, "2026-11-27")
                .integerType("model_id", 21)
                .uuid("key_id", "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
                .integerType("requests", 2)
                .integerType("predictions", 5)
                .integerType("tokens", 0);
        return json(authenticated(builder.given(States.KEY_ADMIN, scopes("admin"))
                                .given(States.CALLER_PREDICTED)
                                .uponReceiving("getUsage: every key of the caller's account, per key")
                                .method("GET")
                                .path("/api/v1/usage")
                                .query("scope=account"))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .uuid("account_id", Bodies.OPERATOR_ACCOUNT_ID)
                        .nullValue("key_id")
                        .stringMatcher("from", DATE, "2026-10-28")
                        .stringMatcher("to", DATE, "2026-11-27")
                        .minArrayLike("data", 1, row, 1))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "accountUsage")
    void accountUsageCountsEveryKeyOfTheAccount(MockServer server) {
        UsageReport report = new Clients(server, EXAMPLE_KEY)
                .sdk
                .usage()
                .retrieve(UsageParams.builder().scope(UsageParams.Scope.ACCOUNT).build());

        assertThat(report.getAccountId()).isNotNull();
        assertThat(report.getKeyId()).isNull();
        assertThat(report.getData())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getKeyId()).isNotNull());
    }

    @Pact(consumer = CONSUMER)
    V4Pact usageBackwards(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                        .uponReceiving("getUsage: a period that ends before it starts")
                                        .method("GET")
                                        .path("/api/v1/usage")
                                        .query("from=2026-11-27&to=2026-11-01"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "usageBackwards")
    void aPeriodEndingBeforeItStartsIsAnInvalidParameter(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.usage()
                        .retrieve(UsageParams.builder()
                                .from(LocalDate.parse("2026-11-27"))
                                .to(LocalDate.parse("2026-11-01"))
                                .build())))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact usageOfUnknownModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                        .given(States.NO_MODEL_999)
                                        .uponReceiving("getUsage: counts for a model number nobody registered")
                                        .method("GET")
                                        .path("/api/v1/usage")
                                        .query("model=999"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "usageOfUnknownModel")
    void usageOfAnUnknownModelIsNotFound(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        assertThat(clients.refusal(c -> c.sdk.usage()
                        .retrieve(UsageParams.builder().model("999").build())))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact usageWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getUsage: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/usage"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "usageWithUnknownKey")
    void usageWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        Clients clients = new Clients(server, UNKNOWN_KEY);
        assertThat(clients.refusal(c -> c.sdk.usage().retrieve()))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
