package ai.hokusai.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bounded loopback load test: threads keep predicting for a few seconds while a new deployment is activated,
 * rolled back and activated again. Not one request may fail, and both deployments must have answered.
 */
class SwitchUnderLoadIT extends ServerIntegrationTest {

    private static final int THREADS = 4;
    private static final Pattern DEPLOYMENT = Pattern.compile("\"deployment_id\":\"([0-9a-f-]{36})\"");

    @Test
    void activatingAndRollingBackUnderLoadFailsNoRequest() throws Exception {
        TestHttp admin = http();
        int id = admin.postJson(
                        "/api/v1/models",
                        "{\"slug\": \"lscor-under-load-it\", \"name\": \"Under load\", "
                                + "\"task\": \"tabular-classification\", \"input_schema\": "
                                + admin.get("/api/v1/models/21").json().get("input_schema")
                                + ", \"output_schema\": {\"type\": \"object\"}}")
                .json()
                .get("id")
                .asInt();
        String first = deployAndAwait(admin, id, "2.0.0", HubArtifacts.LSCOR, true);
        String second = deployAndAwait(
                admin, id, "2.0.1", HubArtifacts.lscor(newDataDir().resolve("lscor-2.0.1"), "2.0.1"), false);
        String key =
                TestKeys.create(admin, List.of("predict"), null, 100_000_000).secret();

        HttpClient client = HttpClient.newHttpClient();
        HttpRequest predict = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/models/" + id + "/predict"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DeploymentLifecycleIT.LEAD))
                .build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        ConcurrentMap<String, String> failures = new ConcurrentHashMap<>();
        ConcurrentMap<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = java.util.stream.IntStream.range(0, THREADS)
                .<Future<?>>mapToObj(i -> threads.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = client.send(predict, HttpResponse.BodyHandlers.ofString());
                            answered.incrementAndGet();
                            Matcher deployment = DEPLOYMENT.matcher(response.body());
                            if (response.statusCode() != 200 || !deployment.find()) {
                                failures.putIfAbsent(response.statusCode() + " " + response.body(), "");
                            } else {
                                servedBy.computeIfAbsent(deployment.group(1), d -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.putIfAbsent(e.toString(), "");
                        }
                    }
                }))
                .toList();

        long started = System.nanoTime();
        Thread.sleep(1000);
        for (String target : List.of(second, first, second, first)) {
            assertThat(activate(admin, target).status()).isEqualTo(200);
            Thread.sleep(1000);
        }
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "switch under load: %d predictions in %.1f s (%.0f/s) on %d threads, served by %s, " + "failures %s%n",
                answered.get(), seconds, answered.get() / seconds, THREADS, servedBy, failures.keySet());
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(servedBy.keySet()).containsExactlyInAnyOrder(first, second);
        assertThat(answered.get()).isGreaterThan(100);
    }

    private String deployAndAwait(TestHttp admin, int modelId, String version, Path directory, boolean activate)
            throws InterruptedException {
        String id = admin.postJson(
                        "/api/v1/models/" + modelId + "/deployments",
                        "{\"version\": \"" + version
                                + "\", \"runtime\": \"lscor-logistic\", \"artifact_uri\": \"file://" + directory
                                + "\", \"activate\": "
                                + activate + "}")
                .json()
                .get("id")
                .asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode deployment = admin.get("/api/v1/deployments/" + id).json();
        while (!(deployment.get("load_status").asString().equals("ready")
                        && (!activate || deployment.get("status").asString().equals("active")))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            deployment = admin.get("/api/v1/deployments/" + id).json();
        }
        assertThat(deployment.get("load_status").asString()).isEqualTo("ready");
        return id;
    }

    private static TestHttp.Response activate(TestHttp admin, String deploymentId) {
        return admin.send("POST", "/api/v1/deployments/" + deploymentId + "/activate", Map.of(), null);
    }
}
