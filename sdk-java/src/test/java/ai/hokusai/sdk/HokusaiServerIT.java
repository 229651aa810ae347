package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the real server (its executable jar, embedded default) through the facade. */
class HokusaiServerIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static Process server;
    private static Path dataDir;
    private static Path log;
    private static String baseUrl;
    private static String apiKey;
    private static HokusaiClient client;

    @BeforeAll
    static void startServer() throws Exception {
        Path jar = Path.of(System.getProperty("hokusai.server.jar", "../server/target/hokusai-server.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("The server jar " + jar.toAbsolutePath().normalize() + " is missing; build it first: "
                    + "./mvnw -pl server -am package -DskipTests");
        }
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        apiKey = "hk_test_" + UUID.randomUUID().toString().replace("-", "");
        dataDir = Files.createTempDirectory("hokusai-sdk-it");
        log = Path.of("target", "hokusai-server-it.log");

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port);
        Map<String, String> env = builder.environment();
        env.put("HOKUSAI_DATA_DIR", dataDir.toString());
        env.put("HOKUSAI_BOOTSTRAP_API_KEY", apiKey);
        env.put("DJL_OFFLINE", "true");
        env.put("OPT_OUT_TRACKING", "true");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        server = builder.start();
        awaitReady();

        // Retries are unit-tested against a stub; here a failing server should fail fast, not after Retry-After waits.
        client = HokusaiClient.builder().apiKey(apiKey).baseUrl(baseUrl).maxRetries(0).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            // SIGTERM first: the server then stops its embedded PostgreSQL instead of orphaning it.
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
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
        assertThat(score.getRecommendation()).isEqualTo(score.getLeadScore() >= 70 ? LeadScore.RecommendationEnum.HOT
                : score.getLeadScore() >= 40 ? LeadScore.RecommendationEnum.WARM : LeadScore.RecommendationEnum.COLD);
        assertThat(scored.getModelId()).isEqualTo(21);
        assertThat(scored.getRequestId()).isNotBlank();
    }

    @Test
    void scoresABatchOfTwoLeadsInOrder() {
        BatchPrediction<LeadScore> scored = client.predictions().createLeadScoreBatch("21", List.of(lead(),
                lead().companySize(40).industry("Retail").engagementScore(12.0).demoRequested(false)
                        .decisionTimeline("next year").title("Intern")));

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
        RequestOptions badKey = RequestOptions.builder().apiKey("hk_test_not_a_key_of_this_server").build();

        assertThatThrownBy(() -> client.models().get("21", badKey)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aStringWhereANumberBelongsIsInvalidWithItsPointer() {
        Map<String, Object> input = Map.of("company_size", "a thousand", "industry", "Technology",
                "engagement_score", 75, "website_visits", 10, "email_opens", 5, "content_downloads", 3,
                "demo_requested", true, "budget_confirmed", false, "decision_timeline", "Q2 2025",
                "title", "VP of Engineering");

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
        assertThat(client.deployments().list("21").getData()).extracting(Deployment::getId).contains(live.getId());
        assertThat(client.models().info("21").getMaxBatchSize()).isEqualTo(100);
        assertThat(client.models().warmUp("21").getModelId()).isEqualTo(21);
        assertThat(client.models().health("21").getModelId()).isEqualTo(21);
        assertThat(client.system().liveness().getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
        assertThat(client.system().readiness().getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
        assertThat(client.system().openApiDocument()).startsWith("openapi: 3.0.3");
    }

    @Test
    void aKeyIsCreatedUsedListedMaskedAndRevoked() {
        CreatedApiKey created = client.apiKeys().create(ApiKeyCreateParams.builder().name("SDK IT")
                .scopes(ApiKeyScope.PREDICT, ApiKeyScope.MODELS_READ).mode(ApiKeyCreateRequest.ModeEnum.TEST).build());
        RequestOptions asNewKey = RequestOptions.builder().apiKey(created.getSecret()).build();

        assertThat(created.getSecret()).startsWith("hk_test_").startsWith(created.getData().getPrefix());
        assertThat(client.models().get("21", asNewKey).getId()).isEqualTo(21);
        assertThat(client.apiKeys().list().getData().getData()).filteredOn(key -> key.getId().equals(created.getData().getId()))
                .singleElement().satisfies(key -> {
                    assertThat(key.getPrefix()).isEqualTo(created.getData().getPrefix());
                    assertThat(key.toString()).doesNotContain(created.getSecret());
                    assertThat(key.getRevokedAt()).isNull();
                });

        client.apiKeys().revoke(created.getData().getId());

        assertThatThrownBy(() -> client.models().get("21", asNewKey)).isInstanceOf(AuthenticationException.class);
        assertThat(client.apiKeys().list().getData().getData())
                .filteredOn(key -> key.getId().equals(created.getData().getId()))
                .singleElement().satisfies(key -> assertThat(key.getRevokedAt()).isNotNull());
    }

    @Test
    void aKeyWithoutTheAdminScopeIsRefusedNamingTheScope() {
        RequestOptions predictOnly = RequestOptions.builder().apiKey(newKey(ApiKeyScope.PREDICT)).build();

        assertThatThrownBy(() -> client.apiKeys().list(predictOnly)).isInstanceOfSatisfying(PermissionException.class,
                e -> {
                    assertThat(e.getCode()).isEqualTo("insufficient_scope");
                    assertThat(e.getRequiredScope()).contains("admin");
                });
    }

    @Test
    void usageCountsAPredictionWhoseOutcomeOnlyItsOwnKeyMayReport() throws InterruptedException {
        String secret = newKey(ApiKeyScope.PREDICT);
        RequestOptions asOwner = RequestOptions.builder().apiKey(secret).build();
        Prediction<LeadScore> scored = client.predictions().create("21", lead(), asOwner);

        assertThat(scored.getRateLimit()).hasValueSatisfying(limit -> assertThat(limit.getQuota()).isPresent());
        assertThat(awaitUsage(asOwner)).isEqualTo(1);

        Outcome outcome = client.outcomes().report(scored.getInferenceLogId(), 1.0, "conversion", asOwner).getData();
        assertThat(outcome.getInferenceLogId()).isEqualTo(scored.getInferenceLogId());
        assertThat(outcome.getOutcomeType()).isEqualTo("conversion");

        RequestOptions asAnotherKey = RequestOptions.builder().apiKey(newKey(ApiKeyScope.PREDICT)).build();
        assertThatThrownBy(() -> client.outcomes().report(scored.getInferenceLogId(), 0.0, "conversion", asAnotherKey))
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("forbidden");
                    assertThat(e.getRequiredScope()).isEmpty();
                });
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstPredictionAndAnotherBodyConflicts() {
        RequestOptions once = RequestOptions.builder().idempotencyKey("sdk-it-" + UUID.randomUUID()).build();

        Prediction<LeadScore> first = client.predictions().create("21", lead(), once);
        Prediction<LeadScore> replay = client.predictions().create("21", lead(), once);

        assertThat(replay.getInferenceLogId()).isEqualTo(first.getInferenceLogId());
        assertThat(first.isReplayed()).isFalse();
        assertThat(replay.isReplayed()).isTrue();
        assertThatThrownBy(() -> client.predictions().create("21", lead().companySize(7), once))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> assertThat(e.isInProgress()).isFalse());
    }

    @Test
    void quickstartExampleRunsAgainstTheServer() {
        LeadScore score = QuickstartExample.scoreOneLead(baseUrl, apiKey);

        assertThat(score.getLeadScore()).isBetween(0, 100);
    }

    private static String newKey(ApiKeyScope... scopes) {
        return client.apiKeys().create(ApiKeyCreateParams.builder().name("SDK IT").scopes(scopes).build()).getSecret();
    }

    /** Metering writes in batches, so a prediction reaches the counts within about a second, not at once. */
    private static long awaitUsage(RequestOptions key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        long requests = 0;
        while (requests == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            requests = client.usage().retrieve(UsageParams.builder().model("21").build(), key).getData().getData()
                    .stream().mapToLong(UsageRow::getRequests).sum();
        }
        return requests;
    }

    private static void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("The server exited with " + server.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(500);
        }
        fail("The server was not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private static String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
