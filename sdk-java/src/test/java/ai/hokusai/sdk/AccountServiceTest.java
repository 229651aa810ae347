package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.ACCOUNT_ID;
import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.ApiConnectionException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.exception.PermissionException;
import ai.hokusai.sdk.exception.ServerException;
import ai.hokusai.sdk.model.Account;
import ai.hokusai.sdk.model.Credential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    private static final String ACCOUNT = "{\"id\":\"" + ACCOUNT_ID + "\",\"slug\":\"acme-analytics\","
            + "\"name\":\"Acme Analytics\",\"rate_limit_per_hour\":50000,\"created_at\":\"2026-11-27T09:00:00Z\"}";
    private static final String TOKEN = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345";
    private static final String CREDENTIAL = "{\"provider\":\"huggingface\",\"updated_at\":\"2026-11-27T09:00:00Z\"}";

    private final StubServer stub = new StubServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final HokusaiClient client = clientFor(stub, sleeper).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void retrieveGetsTheCallersOwnAccount() {
        stub.json(200, ACCOUNT, "X-Request-Id", "req_a1", "RateLimit", "\"account-hour\";r=49999;t=60");

        RawResponse<Account> response = client.accounts().withRawResponse().retrieve();

        Account account = response.getValue();
        assertThat(account.getId()).isEqualTo(UUID.fromString(ACCOUNT_ID));
        assertThat(account.getSlug()).isEqualTo("acme-analytics");
        assertThat(account.getName()).isEqualTo("Acme Analytics");
        assertThat(account.getRateLimitPerHour()).isEqualTo(50000);
        assertThat(account.getCreatedAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T09:00:00Z"));
        assertThat(response.getRequestId()).isEqualTo("req_a1");
        assertThat(response.getRateLimit())
                .hasValueSatisfying(limit -> assertThat(limit.getRemaining()).isEqualTo(49999));
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/account");
        assertThat(request.query).isNull();
        assertThat(request.body).isEmpty();
    }

    @Test
    void retrieveByIdGetsThatAccountAndReadsANullLimit() {
        stub.json(200, ACCOUNT.replace("50000", "null"));

        Account account = client.accounts().retrieve(UUID.fromString(ACCOUNT_ID));

        assertThat(account.getRateLimitPerHour()).isNull();
        assertThat(stub.lastRequest().method).isEqualTo("GET");
        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/accounts/" + ACCOUNT_ID);
    }

    @Test
    void anUnknownAccountIsNotFound() {
        stub.problem(404, problem(404, "account_not_found", "req_a2", null));

        assertThatThrownBy(() -> client.accounts().retrieve(UUID.fromString(ACCOUNT_ID)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("account_not_found");
                    assertThat(e.getRequestId()).isEqualTo("req_a2");
                });
    }

    @Test
    void createPostsSlugNameAndLimitWithoutAnIdempotencyKey() throws Exception {
        stub.json(201, ACCOUNT, "X-Request-Id", "req_a3");

        RawResponse<Account> created = client.accounts()
                .withRawResponse()
                .create(AccountCreateParams.builder()
                        .slug("acme-analytics")
                        .name("Acme Analytics")
                        .rateLimitPerHour(50000)
                        .build());

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getValue().getId()).isEqualTo(UUID.fromString(ACCOUNT_ID));
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/api/v1/accounts");
        assertThat(request.header("Idempotency-Key"))
                .as("the spec gives createAccount none")
                .isNull();
        assertThat(json.readTree(request.body))
                .isEqualTo(json.readTree(
                        "{\"slug\":\"acme-analytics\",\"name\":\"Acme Analytics\",\"rate_limit_per_hour\":50000}"));
    }

    @Test
    void createLeavesAnUnsetLimitOutOfTheBody() throws Exception {
        stub.json(201, ACCOUNT);

        client.accounts()
                .create(AccountCreateParams.builder()
                        .slug("acme-analytics")
                        .name("Acme Analytics")
                        .build());

        assertThat(json.readTree(stub.lastRequest().body).has("rate_limit_per_hour"))
                .isFalse();
    }

    @Test
    void createIsNotResentAfterADroppedConnection() {
        stub.disconnect().json(201, ACCOUNT);

        assertThatThrownBy(() -> client.accounts()
                        .create(AccountCreateParams.builder()
                                .slug("acme-analytics")
                                .name("Acme Analytics")
                                .build()))
                .isInstanceOf(ApiConnectionException.class);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void aTakenSlugIsAnInvalidRequestAndAMissingScopeNamesPlatformAdmin() {
        stub.problem(409, problem(409, "account_slug_taken", "r", null))
                .problem(403, problem(403, "insufficient_scope", "r", null));
        AccountCreateParams params = AccountCreateParams.builder()
                .slug("acme-analytics")
                .name("Acme Analytics")
                .build();

        assertThatThrownBy(() -> client.accounts().create(params))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("account_slug_taken"));
        assertThatThrownBy(() -> client.accounts().create(params))
                .isInstanceOfSatisfying(
                        PermissionException.class,
                        e -> assertThat(e.getRequiredScope()).contains("platform:admin"));
    }

    @Test
    void paramsRequireASlugAndAName() {
        assertThatThrownBy(() ->
                        AccountCreateParams.builder().name("Acme Analytics").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slug");
        assertThatThrownBy(() ->
                        AccountCreateParams.builder().slug("acme-analytics").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name");
    }

    @Test
    void setHuggingFaceTokenPutsTheTokenAndAnswersTheCredentialWithoutIt() throws Exception {
        stub.json(200, CREDENTIAL, "X-Request-Id", "req_a4");

        RawResponse<Credential> response = client.accounts().withRawResponse().setHuggingFaceToken(TOKEN);

        assertThat(response.getValue().getProvider()).isEqualTo(Credential.ProviderEnum.HUGGINGFACE);
        assertThat(response.getValue().getUpdatedAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T09:00:00Z"));
        assertThat(response.getRequestId()).isEqualTo("req_a4");
        assertThat(response.toString()).doesNotContain(TOKEN);
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/api/v1/account/credentials/huggingface");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = json.readTree(request.body);
        assertThat(body).isEqualTo(json.readTree("{\"token\":\"" + TOKEN + "\"}"));
    }

    @Test
    void setHuggingFaceTokenIsResentAfterADroppedConnectionSinceStoringItTwiceChangesNothing() {
        stub.disconnect().json(200, CREDENTIAL);

        client.accounts().setHuggingFaceToken(TOKEN);

        assertThat(stub.attempts()).isEqualTo(2);
        assertThat(stub.requests())
                .extracting(r -> r.body)
                .allSatisfy(body -> assertThat(body).contains(TOKEN));
    }

    @Test
    void aRefusedTokenStaysOutOfTheException() {
        stub.problem(503, problem(503, "credentials_unavailable", "req_a5", null));
        HokusaiClient once = clientFor(stub, sleeper).maxRetries(0).build();

        assertThatThrownBy(() -> once.accounts().setHuggingFaceToken(TOKEN))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("credentials_unavailable");
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.toString()).doesNotContain(TOKEN);
                    assertThat(e.getCause() == null ? "" : e.getCause().toString())
                            .doesNotContain(TOKEN);
                });
        assertThatThrownBy(() -> client.accounts().setHuggingFaceToken(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must not be blank");
        assertThatThrownBy(() -> client.accounts().setHuggingFaceToken(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("token");
    }

    @Test
    void deleteHuggingFaceTokenSendsADeleteAndAccepts204() {
        stub.reply(204, null, null, "X-Request-Id", "req_a6");

        RawResponse<Void> deleted = client.accounts().withRawResponse().deleteHuggingFaceToken();

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(deleted.getValue()).isNull();
        assertThat(deleted.getRequestId()).isEqualTo("req_a6");
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("DELETE");
        assertThat(request.path).isEqualTo("/api/v1/account/credentials/huggingface");
        assertThat(request.body).isEmpty();
    }

    @Test
    void perCallOptionsReachTheAccountCalls() {
        stub.json(200, ACCOUNT);

        client.accounts()
                .retrieve(RequestOptions.builder()
                        .apiKey("hk_live_other")
                        .requestId("mine-1")
                        .build());

        assertThat(stub.lastRequest().header("Authorization")).isEqualTo("Bearer hk_live_other");
        assertThat(stub.lastRequest().header("X-Request-Id")).isEqualTo("mine-1");
    }
}
