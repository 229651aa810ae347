package ai.hokusai.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances on one PostgreSQL: a model registered, a deployment made, activated, rolled back and retired
 * through one of them is served that way by the other within 2 seconds.
 */
class RegistryAcrossInstancesIT {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static ExternalInstances.TwoInstances instances;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances =
                ExternalInstances.TwoInstances.start("--hokusai.artifact-root=" + ServerIntegrationTest.ARTIFACT_ROOT);
        first = instances.first();
        second = instances.second();
    }

    @AfterAll
    static void stopThem() throws Exception {
        instances.close();
    }

    private static TestHttp on(ConfigurableApplicationContext instance) {
        return ExternalInstances.http(instance, ServerIntegrationTest.ADMIN_KEY);
    }

    @Test
    void registrationActivationRollbackAndRetirementReachTheOtherInstanceWithinTwoSeconds() throws Exception {
        String schema =
                on(first).get("/api/v1/models/21").json().get("input_schema").toString();
        int id = on(first)
                .postJson(
                        "/api/v1/models",
                        "{\"slug\": \"lscor-fleet-it\", \"name\": \"Fleet\", "
                                + "\"task\": \"tabular-classification\", \"input_schema\": " + schema
                                + ", \"output_schema\": {\"type\": \"object\"}}")
                .json()
                .get("id")
                .asInt();
        String predictPath = "/api/v1/models/" + id + "/predict";
        // The other instance has the model cached before anything is deployed.
        assertThat(on(second).postJson(predictPath, DeploymentLifecycleIT.LEAD).status())
                .isEqualTo(503);

        String a = deploy(id, "1.0.0", HubArtifacts.LSCOR.toString(), true);
        String b = deploy(
                id,
                "1.1.0",
                HubArtifacts.lscor(ServerIntegrationTest.newDataDir().resolve("b"), "1.1.0")
                        .toString(),
                false);
        awaitOn(first, "/api/v1/deployments/" + a, d -> d.contains("\"status\":\"active\""));
        awaitOn(first, "/api/v1/deployments/" + b, d -> d.contains("\"load_status\":\"ready\""));
        System.out.printf("new deployment served by the other instance after %.2f s%n", servedBy(id, a));

        long activated = System.nanoTime();
        assertThat(on(first)
                        .send("POST", "/api/v1/deployments/" + b + "/activate", Map.of(), null)
                        .status())
                .isEqualTo(200);
        double activation = secondsUntilServedBy(id, b, activated);
        long rolledBack = System.nanoTime();
        assertThat(on(first)
                        .send("POST", "/api/v1/deployments/" + a + "/activate", Map.of(), null)
                        .status())
                .isEqualTo(200);
        double rollback = secondsUntilServedBy(id, a, rolledBack);

        assertThat(on(second).get("/api/v1/models/" + b).status())
                .as("cached by the other instance")
                .isEqualTo(200);
        long retired = System.nanoTime();
        assertThat(on(first)
                        .send("DELETE", "/api/v1/deployments/" + b, Map.of(), null)
                        .status())
                .isEqualTo(204);
        int status = 200;
        while (status != 404 && System.nanoTime() - retired < BOUND.toNanos() * 3) {
            Thread.sleep(20);
            status = on(second).get("/api/v1/models/" + b).status();
        }
        double retirement = (System.nanoTime() - retired) / 1e9;
        assertThat(status).isEqualTo(404);

        System.out.printf(
                "other instance agreed: activation %.2f s, rollback %.2f s, retirement %.2f s%n",
                activation, rollback, retirement);
        assertThat(activation).isLessThan(BOUND.toSeconds());
        assertThat(rollback).isLessThan(BOUND.toSeconds());
        assertThat(retirement).isLessThan(BOUND.toSeconds());
    }

    private static String deploy(int modelId, String version, String directory, boolean activate) {
        TestHttp.Response created = on(first)
                .postJson(
                        "/api/v1/models/" + modelId + "/deployments",
                        "{\"version\": \"" + version
                                + "\", \"runtime\": \"lscor-logistic\", \"artifact_uri\": \"file://" + directory
                                + "\", \"activate\": " + activate + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        return created.json().get("id").asString();
    }

    private static double servedBy(int modelId, String deploymentId) throws InterruptedException {
        return secondsUntilServedBy(modelId, deploymentId, System.nanoTime());
    }

    /** Predicts on the second instance until the deployment answers; every answer on the way must be a 200. */
    private static double secondsUntilServedBy(int modelId, String deploymentId, long since)
            throws InterruptedException {
        while (System.nanoTime() - since < BOUND.toNanos() * 3) {
            TestHttp.Response predicted =
                    on(second).postJson("/api/v1/models/" + modelId + "/predict", DeploymentLifecycleIT.LEAD);
            assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
            if (predicted.json().get("deployment_id").asString().equals(deploymentId)) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("deployment " + deploymentId + " not served by the other instance");
    }

    private static void awaitOn(ConfigurableApplicationContext instance, String path, Predicate<String> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(on(instance).get(path).body()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(on(instance).get(path).body()).matches(done::test);
    }
}
