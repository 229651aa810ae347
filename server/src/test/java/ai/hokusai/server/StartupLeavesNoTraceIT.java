package ai.hokusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Start-up does what the operator configured and nothing else: the bootstrap key works from the first request the
 * port answers, and starting and stopping an instance writes no usage record and issues, changes or deletes no key.
 */
class StartupLeavesNoTraceIT {

    private static final List<String> TABLES =
            List.of("inference_logs", "api_keys", "rate_limit_buckets", "audit_events");

    @Test
    void theBootstrapKeyWorksFromTheFirstAnswerAndAStartAndStopLeaveKeysAndUsageAsTheyWere() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            JdbcTemplate sql = new JdbcTemplate(database.getPostgresDatabase());
            int port = freePort();

            // A client that calls with the bootstrap key from the moment the port accepts a connection.
            CompletableFuture<Integer> firstAnswer = CompletableFuture.supplyAsync(() -> firstStatus(port));
            ConfigurableApplicationContext first = ExternalInstances.start(port, url);
            try {
                assertThat(firstAnswer.get())
                        .as("the first answer to the bootstrap key")
                        .isEqualTo(200);
                assertThat(sql.queryForObject("SELECT count(*) FROM inference_logs", Long.class))
                        .as("usage records after a start")
                        .isZero();
            } finally {
                first.close();
            }

            Map<String, List<Map<String, Object>>> before = snapshot(sql);
            ExternalInstances.start(url).close();
            assertThat(snapshot(sql))
                    .as("keys, usage, buckets and audit events after a start and a stop")
                    .isEqualTo(before);
        }
    }

    private static Map<String, List<Map<String, Object>>> snapshot(JdbcTemplate sql) {
        return TABLES.stream()
                .collect(Collectors.toMap(
                        t -> t,
                        t -> sql.queryForList("SELECT * FROM " + t + " ORDER BY 1").stream()
                                .map(row -> {
                                    // Binary and array columns (hashes, bucket states, scopes) compared by content, not
                                    // identity.
                                    Map<String, Object> comparable = new TreeMap<>();
                                    row.forEach((column, value) -> comparable.put(column, comparable(value)));
                                    return comparable;
                                })
                                .toList()));
    }

    private static Object comparable(Object value) {
        try {
            if (value instanceof byte[] bytes) {
                return HexFormat.of().formatHex(bytes);
            }
            if (value instanceof Array array) {
                return List.of((Object[]) array.getArray());
            }
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The status of the first answer the port gives to a keyed call, retrying while it refuses connections. */
    private static int firstStatus(int port) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/account"))
                .header("Authorization", "Bearer " + ServerIntegrationTest.ADMIN_KEY)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException notListeningYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }
}
