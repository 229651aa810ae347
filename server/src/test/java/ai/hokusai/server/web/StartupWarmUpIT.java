package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.security.RateLimiter;
import ai.hokusai.server.service.WarmUpKeys;
import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The packaged server warms its request path up with keyed calls before it reports ready, and the warm-up is no one's
 * traffic: it leaves no access line, counts in no request metric, and its key, calls and bucket are gone once it is
 * ready.
 */
class StartupWarmUpIT {

    private static final Pattern WARMED = Pattern.compile("Warmed up in \\d+ ms \\((\\d+) rounds, ([a-z ]+)\\)");

    @Test
    void readinessTurnsReadyOnlyAfterAKeyedWarmUpThatLeavesNoTrace() throws Exception {
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        try (ServerLauncher server = ServerLauncher.builder().arg("--hokusai.warm-up.timeout=15s")
                .arg("--management.server.port=" + managementPort).start()) {
            List<String> log = Files.readAllLines(server.log());

            int warmed = indexOf(log, line -> WARMED.matcher(line).find());
            assertThat(warmed).as("the warm-up's line in\n" + server.logTail()).isNotNegative();
            Matcher rounds = WARMED.matcher(log.get(warmed));
            assertThat(rounds.find()).isTrue();
            assertThat(Integer.parseInt(rounds.group(1))).isPositive();
            assertThat(rounds.group(2)).isIn("compiler quiet", "timeout reached");
            int firstReady = indexOf(log, line -> line.contains("GET /health/ready getReadiness 200"));
            assertThat(firstReady).as("readiness answers 200 only after the warm-up ended").isGreaterThan(warmed);

            List<String> accessLines = log.stream().filter(line -> line.contains("ai.hokusai.access")).toList();
            assertThat(accessLines).as("the launcher's readiness polls are the only requests").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("GET /health/ready getReadiness"));

            HttpResponse<String> keys = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/api-keys"))
                            .header("Authorization", "Bearer " + server.adminKey()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(keys.statusCode()).isEqualTo(200);
            assertThat(keys.body()).as("the warm-up's key is gone").doesNotContain("warm-up");

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("http_server_requests_seconds_count{")
                    .doesNotContain("uri=\"/health/live\"")
                    .doesNotContain("uri=\"/api/v1/models/{modelRef}/predict\"")
                    .doesNotContain("uri=\"/api/v1/models/{modelRef}\"")
                    .as("the warm-up's predicts went through metering, as keyed calls")
                    .containsPattern("hokusai_stage_seconds_count\\{[^}]*stage=\"meter\"[^}]*} [1-9]");
        }
    }

    @Test
    void theWarmUpsCallsKeyAndBucketAreDeletedAndSoAreTheCallsOfAKeyAnEarlierWarmUpKept() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            ExternalInstances.start(url, "--hokusai.warm-up.timeout=0s").close(); // creates the schema
            UUID leftover = UUID.randomUUID();
            try (Connection connection = database.getPostgresDatabase().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("INSERT INTO api_keys (id, prefix, key_hash, name, scopes, created_at, expires_at) "
                        + "VALUES ('" + leftover + "', 'hk_test_leftover', '\\x00', 'start-up warm-up', "
                        + "'{predict}', now() - interval '2 hours', now() - interval '1 hour')");
                sql.execute("INSERT INTO inference_logs (id, api_key_id, model_id, request_id, status, latency_ms, "
                        + "prediction_count, started_at, completed_at) VALUES ('" + UUID.randomUUID() + "', '"
                        + leftover + "', 21, 'req_leftover', 'succeeded', 1, 1, now(), now())");
            }

            try (ConfigurableApplicationContext server = ExternalInstances.start(url,
                    "--hokusai.warm-up.timeout=5s", "--hokusai.warm-up.rounds=200")) {
                assertThat(server.getBean(RateLimiter.class).counters().checks())
                        .as("the warm-up's calls were keyed and rate-limited").isGreaterThanOrEqualTo(200);
                try (Connection connection = database.getPostgresDatabase().getConnection();
                        Statement sql = connection.createStatement()) {
                    assertThat(count(sql, "SELECT count(*) FROM api_keys WHERE name = 'start-up warm-up' AND id <> '"
                            + leftover + "'")).as("this warm-up's key is deleted").isZero();
                    assertThat(count(sql, "SELECT count(*) FROM api_keys WHERE id = '" + leftover + "'"))
                            .as("an earlier warm-up's key stays, expired: a record of its calls may still come")
                            .isOne();
                    assertThat(count(sql, "SELECT count(*) FROM inference_logs")).as("no call is left").isZero();
                    assertThat(count(sql, "SELECT count(*) FROM rate_limit_buckets")).as("no bucket").isZero();
                }
                WarmUpKeys warmUps = server.getBean(WarmUpKeys.class);
                UUID unfinished = warmUps.issue(Duration.ofSeconds(1)).key().id();
                assertThat(warmUps.discard(unfinished, false)).as("a warm-up whose calls were not all answered")
                        .isFalse();
                try (Connection connection = database.getPostgresDatabase().getConnection();
                        Statement sql = connection.createStatement()) {
                    assertThat(count(sql, "SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL AND id = '"
                            + unfinished + "'")).as("its key is revoked and kept").isOne();
                }
                assertThat(ExternalInstances.http(server, ServerIntegrationTest.ADMIN_KEY)
                        .postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson()).status())
                        .as("a client's own key predicts as usual afterwards").isEqualTo(200);
            }
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int indexOf(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
