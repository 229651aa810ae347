package ai.hokusai.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees of the packaged server: Prometheus metrics on the management port only (checked by
 * Prometheus' own {@code promtool}), and with {@code HOKUSAI_LOG_FORMAT=json} one JSON access line per request that
 * carries its request id and never a key.
 */
class OperationsIT {

    private static final String REQUEST_ID = "ops-json-log-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServerLauncher server;
    private static String managementUrl;

    @BeforeAll
    static void start() throws Exception {
        int managementPort = freePort();
        server = ServerLauncher.builder()
                .env("HOKUSAI_LOG_FORMAT", "json")
                .arg("--management.server.port=" + managementPort)
                .start();
        managementUrl = "http://127.0.0.1:" + managementPort;
        HttpResponse<String> predict =
                send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/models/21/predict"))
                        .header("Authorization", "Bearer " + server.adminKey())
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", REQUEST_ID)
                        .POST(HttpRequest.BodyPublishers.ofString(ExampleInputs.predictRequestJson()))
                        .build());
        assertThat(predict.statusCode()).as(predict.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsAreNotOnThePublicPort() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/health")) {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void theScrapeHasTheOperatorsMetricsAndPassesPromtool() throws Exception {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4")
                .build());
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"200\"[^}]*"
                        + "uri=\"/api/v1/models/\\{modelRef}/predict\"")
                .containsPattern("hokusai_predict_seconds_count\\{[^}]*model=\"21\"[^}]*runtime=\"lscor-logistic\"")
                .containsPattern("hokusai_stage_seconds_count\\{[^}]*stage=\"meter\"")
                .containsPattern("hokusai_stage_seconds_count\\{[^}]*stage=\"model\"")
                .containsPattern("hokusai_model_load_seconds_count\\{[^}]*runtime=\"lscor-logistic\"")
                .contains("hokusai_model_cache_loaded ")
                .contains("hokusai_metering_queue_depth ")
                .contains("hokusai_metering_flush_lag_seconds ")
                .contains("hokusai_metering_commit_wait_seconds_bucket")
                .contains("hokusai_rate_limit_rejections_total")
                .contains("hikaricp_connections_active");
        assertThat(metrics)
                .as("no key, secret, request id or payload in any tag")
                .doesNotContain(server.adminKey())
                .doesNotContain(server.adminKey().substring(8))
                .doesNotContain(REQUEST_ID)
                .doesNotContain("VP of Engineering");
        List<String> lint = promtool(metrics);
        System.out.println("promtool lint on metrics the server does not name (Spring Boot's, Micrometer's):\n  "
                + String.join("\n  ", lint));
        assertThat(lint)
                .as("promtool's findings on the server's own metrics")
                .noneMatch(line -> line.startsWith("hokusai_"));
    }

    @Test
    void theJsonAccessLineOfAPredictCarriesItsRequestIdAndNoKey() throws Exception {
        // The line of a request whose body was read asynchronously is written as the answer completes, which may be
        // a moment after the client has it.
        List<String> lines = Files.readAllLines(server.log(), StandardCharsets.UTF_8);
        List<JsonNode> access = accessLines(lines);
        for (long deadline = System.nanoTime() + 5_000_000_000L; access.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            lines = Files.readAllLines(server.log(), StandardCharsets.UTF_8);
            access = accessLines(lines);
        }
        assertThat(access)
                .as("one access line for the predict, in %s", server.log())
                .hasSize(1);
        JsonNode line = access.get(0);
        assertThat(line.path("operation").asString()).isEqualTo("predict");
        assertThat(line.path("model").asString()).isEqualTo("21");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("latency_ms").asDouble()).isPositive();
        String everything = String.join("\n", lines);
        assertThat(everything)
                .as("no key and no payload anywhere in the log")
                .doesNotContain(server.adminKey().substring(8))
                .doesNotContain("VP of Engineering");
    }

    private static List<JsonNode> accessLines(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> line.path("log").path("logger").asString("").equals("ai.hokusai.access")
                        || line.path("log.logger").asString("").equals("ai.hokusai.access"))
                .filter(line -> REQUEST_ID.equals(line.path("request_id").asString(null)))
                .toList();
    }

    /**
     * Prometheus' own check: the exposition must parse (exit code 1 is a format error), and its lint findings (exit
     * code 3) are returned, one per line.
     */
    private static List<String> promtool(String metrics) throws Exception {
        Path promtool = List.of("/usr/bin/promtool", "/usr/local/bin/promtool").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "promtool is missing: install the Debian package 'prometheus' (.ci/run does)"));
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue())
                .as("promtool: the exposition parses; it said:\n%s", output)
                .isIn(0, 3);
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
