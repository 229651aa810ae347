package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.DeploymentCreateRequest;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelCreateRequest;
import ai.hokusai.testsupport.HubStub;
import ai.hokusai.testsupport.ServerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model registered and deployed from the SDK alone: {@code POST /api/v1/models}, a deployment from a private
 * Hugging Face Hub repository ({@code hf://}, served by a local stub with a token), activation, and a typed prediction,
 * all against the real server.
 */
class ModelDeploymentIT {

    /** Model 21's committed artifact, served by the Hub stub as a private repository. */
    private static final Path LSCOR_ARTIFACT =
            Path.of("../server/src/main/resources/models/lscor-v2").toAbsolutePath();

    private static HubStub hub;
    private static ServerLauncher server;
    private static HokusaiClient client;

    @BeforeAll
    static void startHubAndServer() throws Exception {
        hub = new HubStub().repository("acme/lead-scorer", LSCOR_ARTIFACT);
        server = ServerLauncher.builder()
                .log(Path.of("target", "model-deployment-it.log"))
                .env("HF_ENDPOINT", hub.endpoint())
                .env("HF_TOKEN", HubStub.TOKEN)
                .start();
        client = HokusaiClient.builder()
                .apiKey(server.adminKey())
                .baseUrl(server.baseUrl())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aModelRegisteredAndDeployedFromTheHubThroughTheSdkServesTypedPredictions() throws InterruptedException {
        Map<String, Object> leadSchema = client.models().get("21").getInputSchema();
        Model model = client.models()
                .create(new ModelCreateRequest()
                        .slug("lead-scorer-sdk")
                        .name("Lead scorer")
                        .task("tabular-classification")
                        .inputSchema(leadSchema)
                        .outputSchema(Map.of("type", "object")));
        assertThat(model.getId()).isGreaterThan(21);

        Deployment pending = client.deployments()
                .create(
                        model.getSlug(),
                        new DeploymentCreateRequest()
                                .version("1.0.0")
                                .runtime("lscor-logistic")
                                .artifactUri("hf://acme/lead-scorer@main"));
        assertThat(pending.getLoadStatus()).isEqualTo(Deployment.LoadStatusEnum.PENDING);

        Deployment ready = awaitLoad(pending.getId());
        assertThat(ready.getLoadStatus()).as(ready.getFailureReason()).isEqualTo(Deployment.LoadStatusEnum.READY);
        assertThat(ready.getRevision()).isEqualTo(HubStub.COMMIT);
        assertThat(ready.getFiles()).extracting(f -> f.getName()).contains("model.json", "tokenizer.json");

        Deployment active = client.deployments().activate(ready.getId());
        assertThat(active.getStatus()).isEqualTo(Deployment.StatusEnum.ACTIVE);

        LeadScoringInput lead = new LeadScoringInput()
                .companySize(1000)
                .industry("Technology")
                .engagementScore(75.0)
                .websiteVisits(10)
                .emailOpens(5)
                .contentDownloads(3)
                .demoRequested(true)
                .budgetConfirmed(false)
                .decisionTimeline("Q2 2025")
                .title("VP of Engineering");
        Prediction<LeadScore> prediction = client.predictions().create(String.valueOf(model.getId()), lead);
        assertThat(prediction.getPrediction().getRecommendation()).isEqualTo(LeadScore.RecommendationEnum.HOT);
        assertThat(hub.requests).anyMatch(path -> path.startsWith("/acme/lead-scorer/resolve/" + HubStub.COMMIT));
    }

    private static Deployment awaitLoad(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Deployment deployment = client.deployments().get(id);
        while ((deployment.getLoadStatus() == Deployment.LoadStatusEnum.PENDING
                        || deployment.getLoadStatus() == Deployment.LoadStatusEnum.LOADING)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            deployment = client.deployments().get(id);
        }
        return deployment;
    }
}
