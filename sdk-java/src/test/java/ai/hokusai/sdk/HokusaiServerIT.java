package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.lead;
import static ai.hokusai.sdk.TestData.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.examples.QuickstartExample;
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.IdempotencyException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.exception.PermissionException;
import ai.hokusai.sdk.model.ApiKeyCreateRequest;
import ai.hokusai.sdk.model.ApiKeyScope;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.HealthStatus;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.Outcome;
import ai.hokusai.sdk.model.UsageRow;
import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the real server (its executable jar, embedded default) through the facade. */
class HokusaiServerIT {

    private static ServerLauncher server;
    private static HokusaiClient client;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerLauncher.builder()
                .log(Path.of("target", "hokusai-server-it.log"))
                .start();

        // Retries are unit-tested against a stub; here a failing server should fail fast, not after Retry-After waits.
        client = HokusaiClient.builder()
                .apiKey(server.adminKey())
                .baseUrl(server.baseUrl())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsModel21() {
        assertThat(client.models().list().getData()).extracting(Model::getId).contains(21);
        assertThat(client.models().listAll()).extracting(Model::getSlug).contains("lscor-v2");
    }

    @Test
    void getsModel21ByNumberAndBySlug() {
        Model byNumber = client.models().get("21");
        Model bySlug = client.models().get("lscor-v2");

        assertThat(byNumber.getSlug()).isEqualTo("lscor-v2");
        assertThat(byNumber.getMaxBatchSize()).isEqualTo(100);
        assertThat(bySlug.getId()).isEqualTo(21);
    }

    @Test
    void scoresOneLead() {
        Prediction<LeadScore> scored = client.predictions().create("21", lead());

        LeadScore score = scored.getPrediction();
        assertThat(score.getLeadScore()).isBetween(0, 100);
        assertThat(score.getConversionProbability()).isBetween(0.0, 1.0);
        assertThat(score.getRecommendation())
                .isEqualTo(
                        score.getLeadScore() >= 70
                                ? LeadScore.RecommendationEnum.HOT
                                : score.getLeadScore() >= 40
                                        ? LeadScore.RecommendationEnum.WARM
                                        : LeadScore.RecommendationEnum.COLD);
        assertThat(scored.getModelId()).isEqualTo(21);
    }

    @Test
    void aRawResponseCarriesTheRequestIdRateLimitAndDeprecationNotice() {
        RawResponse<Prediction<LeadScore>> scored =
                client.predictions().withRawResponse().create("21", lead());
        RawResponse<ai.hokusai.sdk.model.ModelInfo> info =
                client.models().withRawResponse().info("21");

        assertThat(scored.getValue().getPrediction().getLeadScore()).isBetween(0, 100);
        assertThat(scored.getRequestId()).isNotBlank();
        assertThat(scored.getRateLimit())
                .hasValueSatisfying(limit -> assertThat(limit.getQuota()).isPresent());
        assertThat(scored.getDeprecation()).isEmpty();
        assertThat(info.getDeprecation()).hasValueSatisfying(notice -> {
            assertThat(notice.getSunset()).isPresent();
            assertThat(notice.getLink())
                    .hasValueSatisfying(link -> assertThat(link).contains("changelog"));
        });
    }

    @Test
    void aLeadWithoutATitleIsRefusedBeforeSendingNamingTheField() {
        assertThatThrownBy(() -> client.predictions().create("21", lead().title(null)))
                .isInstanceOfSatisfying(
                        ai.hokusai.sdk.exception.MissingFieldException.class,
                        e -> assertThat(e.getPointers()).containsExactly("/inputs/title"));
    }

    @Test
    void predictsWithAnOutputTypeNamedByTheCaller() {
        Prediction<LeadScore> scored = client.predictions().create("lscor-v2", ExampleInputs.lead(), LeadScore.class);

        assertThat(scored.getPrediction().getFactors()).isNotEmpty();
    }

    @Test
    void scoresABatchOfTwoLeadsInOrder() {
        List<Map<String, Object>> leads = ExampleInputs.leads();
        BatchPrediction<LeadScore> scored = client.predictions()
                .createBatch("21", List.of(typed(leads.get(0)), typed(leads.get(1))), LeadScore.class);

        assertThat(scored.getPredictions()).hasSize(2);
        assertThat(scored.getPredictions().get(0).getLeadScore())
                .isGreaterThan(scored.getPredictions().get(1).getLeadScore());
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> client.models().get("999")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.getCode()).isEqualTo("model_not_found");
            assertThat(e.getRequestId()).isNotBlank();
        });
        assertThatThrownBy(() -> client.predictions().create("999", lead())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badKeyIsAnAuthenticationFailure() {
        RequestOptions badKey = RequestOptions.builder()
                .apiKey("hk_test_not_a_key_of_this_server")
                .build();

        assertThatThrownBy(() -> client.models().get("21", badKey)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aStringWhereANumberBelongsIsInvalidWithItsPointer() {
        Map<String, Object> input = ExampleInputs.lead();
        input.put("company_size", "a thousand");

        assertThatThrownBy(() -> client.predictions().create("21", input))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(e.getPointers()).containsExactly("/inputs/company_size");
                });
    }

    @Test
    void servesEveryOtherOperationOfTheSpec() {
        Deployment live = client.deployments().get(client.models().get("21").getActiveDeploymentId());

        assertThat(live.getModelId()).isEqualTo(21);
        assertThat(client.deployments().list("21").getData())
                .extracting(Deployment::getId)
                .contains(live.getId());
        assertThat(client.models().info("21").getMaxBatchSize()).isEqualTo(100);
        assertThat(client.models().warmUp("21").getModelId()).isEqualTo(21);
        assertThat(client.models().health("21").getModelId()).isEqualTo(21);
        assertThat(client.system().liveness().getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
        assertThat(client.system().readiness().getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
        assertThat(client.system().openApiDocument()).startsWith("openapi: 3.0.3");
        assertThat(client.system().index().getLinks().getOpenapi()).isEqualTo("/openapi.yaml");
    }

    @Test
    void aKeyIsCreatedUsedListedMaskedAndRevoked() {
        CreatedApiKey created = client.apiKeys()
                .create(ApiKeyCreateParams.builder()
                        .name("SDK IT")
                        .scopes(ApiKeyScope.PREDICT, ApiKeyScope.MODELS_READ)
                        .mode(ApiKeyCreateRequest.ModeEnum.TEST)
                        .build());
        RequestOptions asNewKey =
                RequestOptions.builder().apiKey(created.getSecret()).build();

        assertThat(created.getSecret())
                .startsWith("hk_test_")
                .startsWith(created.getKey().getPrefix());
        assertThat(client.models().get("21", asNewKey).getId()).isEqualTo(21);
        assertThat(client.apiKeys().list().getData())
                .filteredOn(key -> key.getId().equals(created.getKey().getId()))
                .singleElement()
                .satisfies(key -> {
                    assertThat(key.getPrefix()).isEqualTo(created.getKey().getPrefix());
                    assertThat(key.toString()).doesNotContain(created.getSecret());
                    assertThat(key.getRevokedAt()).isNull();
                });

        client.apiKeys().revoke(created.getKey().getId());

        assertThatThrownBy(() -> client.models().get("21", asNewKey)).isInstanceOf(AuthenticationException.class);
        assertThat(client.apiKeys().list().getData())
                .filteredOn(key -> key.getId().equals(created.getKey().getId()))
                .singleElement()
                .satisfies(key -> assertThat(key.getRevokedAt()).isNotNull());
    }

    @Test
    void aKeyWithoutTheAdminScopeIsRefusedNamingTheScope() {
        RequestOptions predictOnly =
                RequestOptions.builder().apiKey(newKey(ApiKeyScope.PREDICT)).build();

        assertThatThrownBy(() -> client.apiKeys().list(predictOnly))
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("insufficient_scope");
                    assertThat(e.getRequiredScope()).contains("admin");
                });
    }

    @Test
    void usageCountsAPredictionWhoseOutcomeOnlyItsOwnKeyMayReport() throws InterruptedException {
        String secret = newKey(ApiKeyScope.PREDICT);
        RequestOptions asOwner = RequestOptions.builder().apiKey(secret).build();
        Prediction<LeadScore> scored = client.predictions().create("21", lead(), asOwner);

        assertThat(awaitUsage(asOwner)).isEqualTo(1);

        Outcome outcome = client.outcomes().report(scored.getInferenceLogId(), 1.0, "conversion", asOwner);
        assertThat(outcome.getInferenceLogId()).isEqualTo(scored.getInferenceLogId());
        assertThat(outcome.getOutcomeType()).isEqualTo("conversion");

        RequestOptions asAnotherKey =
                RequestOptions.builder().apiKey(newKey(ApiKeyScope.PREDICT)).build();
        assertThatThrownBy(() -> client.outcomes().report(scored.getInferenceLogId(), 0.0, "conversion", asAnotherKey))
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("forbidden");
                    assertThat(e.getRequiredScope()).isEmpty();
                });
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstPredictionAndAnotherBodyConflicts() {
        RequestOptions once = RequestOptions.builder()
                .idempotencyKey("sdk-it-" + UUID.randomUUID())
                .build();

        RawResponse<Prediction<LeadScore>> first =
                client.predictions().withRawResponse().create("21", lead(), once);
        RawResponse<Prediction<LeadScore>> replay =
                client.predictions().withRawResponse().create("21", lead(), once);

        assertThat(replay.getValue().getInferenceLogId())
                .isEqualTo(first.getValue().getInferenceLogId());
        assertThat(first.isReplayed()).isFalse();
        assertThat(replay.isReplayed()).isTrue();
        assertThatThrownBy(() -> client.predictions().create("21", lead().companySize(7), once))
                .isInstanceOfSatisfying(
                        IdempotencyException.class,
                        e -> assertThat(e.isInProgress()).isFalse());
    }

    @Test
    void quickstartExampleRunsAgainstTheServer() {
        LeadScore score = QuickstartExample.scoreOneLead(server.baseUrl(), server.adminKey());

        assertThat(score.getLeadScore()).isBetween(0, 100);
    }

    private static String newKey(ApiKeyScope... scopes) {
        return client.apiKeys()
                .create(ApiKeyCreateParams.builder()
                        .name("SDK IT")
                        .scopes(scopes)
                        .build())
                .getSecret();
    }

    /** Metering writes in batches, so a prediction reaches the counts within about a second, not at once. */
    private static long awaitUsage(RequestOptions key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        long requests = 0;
        while (requests == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            requests = client.usage().retrieve(UsageParams.builder().model("21").build(), key).getData().stream()
                    .mapToLong(UsageRow::getRequests)
                    .sum();
        }
        return requests;
    }
}
