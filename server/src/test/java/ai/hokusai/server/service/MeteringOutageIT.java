package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Metering loses nothing: every answered prediction is committed to {@code inference_logs} before its answer
 * leaves the server (so no crash can lose it), exactly once, also while the database is stopped and restarted under
 * load; a prediction whose record cannot be committed is refused (503), never answered.
 */
class MeteringOutageIT {

    private static final String PREDICT = "/api/v1/models/21/predict";

    /** A PostgreSQL the test can stop and start again on the same port and data. */
    private static final class RestartableDatabase implements AutoCloseable {
        private final Path dataDir = ServerIntegrationTest.newDataDir();
        private final int port = freePort();
        private EmbeddedPostgres running;

        RestartableDatabase start() throws IOException {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            return this;
        }

        void stop() throws IOException {
            running.close();
            running = null;
        }

        String url() {
            return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        }

        Connection connect() throws Exception {
            return running.getPostgresDatabase().getConnection();
        }

        @Override
        public void close() throws IOException {
            if (running != null) {
                running.close();
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the clients saw: ids of answered predictions, and the codes of refusals. */
    private record Outcomes(Set<UUID> answered, Map<String, Integer> refused) {}

    @Test
    void aDatabaseStoppedAndRestartedUnderLoadLosesAndDoublesNoRecord() throws Exception {
        try (RestartableDatabase database = new RestartableDatabase().start();
                // Metering alone is under test: the limiter, which also needs the database, is off here. Two writers
                // retry side by side, and still nothing is lost or written twice.
                ConfigurableApplicationContext server = ExternalInstances.start(
                        database.url(),
                        "--hokusai.metering.writers=2",
                        "--hokusai.metering.buffer-capacity=40",
                        "--hokusai.metering.commit-timeout=500ms",
                        "--hokusai.metering.max-backoff=500ms",
                        "--hokusai.rate-limit.enabled=false",
                        "--spring.datasource.hikari.connection-timeout=500")) {
            TestKeys.Key key = TestKeys.create(
                    ExternalInstances.http(server, ServerIntegrationTest.ADMIN_KEY),
                    List.of("predict"),
                    null,
                    10_000_000);
            TestHttp caller = ExternalInstances.http(server, key.secret());
            ConcurrentLinkedQueue<UUID> answered = new ConcurrentLinkedQueue<>();
            TestHttp.Response warmUp =
                    caller.postJson(PREDICT, ExampleInputs.predictRequestJson()); // warms every cache
            answered.add(UUID.fromString(warmUp.json().get("inference_log_id").asString()));

            AtomicBoolean firing = new AtomicBoolean(true);
            Map<String, Integer> refused = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (firing.get() && System.nanoTime() < until) {
                        TestHttp.Response r = caller.postJson(PREDICT, ExampleInputs.predictRequestJson());
                        if (r.status() == 200) {
                            answered.add(UUID.fromString(
                                    r.json().get("inference_log_id").asString()));
                        } else {
                            refused.merge(
                                    r.status() + " " + r.json().get("code").asString(), 1, Integer::sum);
                        }
                    }
                });
            }
            Thread.sleep(1_500);
            int answeredBeforeOutage = answered.size();
            database.stop();
            // Calls already waiting for a commit when the database went away may still have been answered by then.
            Thread.sleep(1_000);
            int answeredAtOutage = answered.size();
            Thread.sleep(2_000);
            int answeredDuringOutage = answered.size() - answeredAtOutage;
            database.start();
            Thread.sleep(2_000);
            firing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            InferenceMeter meter = server.getBean(InferenceMeter.class);
            for (int i = 0; i < 300 && meter.backlog() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(meter.backlog())
                    .as("everything queued is written once the database is back")
                    .isZero();
            assertThat(answeredBeforeOutage).isPositive();
            assertThat(answeredDuringOutage)
                    .as("no prediction is answered while its record cannot be committed")
                    .isZero();
            assertThat(answered.size())
                    .as("predictions are answered again once the database is back")
                    .isGreaterThan(answeredAtOutage);
            assertThat(refused.keySet())
                    .as("while the database was down, predictions were refused, not left unmetered")
                    .containsExactly("503 metering_unavailable");
            try (Connection connection = database.connect();
                    PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM inference_logs "
                            + "WHERE api_key_id = ? AND status = 'failed' AND error_code = 'metering_unavailable'")) {
                query.setObject(1, key.id());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1))
                            .as("a refused call is recorded as failed, once it could be written")
                            .isEqualTo(refused.get("503 metering_unavailable"));
                }
            }
            assertMeteredExactlyOnce(database, key.id(), new Outcomes(new HashSet<>(answered), refused));
        }
    }

    @Test
    void anAnsweredPredictionIsInTheDatabaseBeforeItsAnswerArrives() throws Exception {
        try (RestartableDatabase database = new RestartableDatabase().start();
                ConfigurableApplicationContext server = ExternalInstances.start(database.url())) {
            TestKeys.Key key = TestKeys.create(
                    ExternalInstances.http(server, ServerIntegrationTest.ADMIN_KEY), List.of("predict"), null, null);
            TestHttp caller = ExternalInstances.http(server, key.secret());
            Set<UUID> answered = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                TestHttp.Response r = caller.postJson(PREDICT, ExampleInputs.predictRequestJson());
                assertThat(r.status()).isEqualTo(200);
                UUID id = UUID.fromString(r.json().get("inference_log_id").asString());
                answered.add(id);
                // Read at once, from another connection: the row is committed, so a crash now would lose nothing.
                try (Connection connection = database.connect();
                        PreparedStatement query =
                                connection.prepareStatement("SELECT status FROM inference_logs WHERE id = ?")) {
                    query.setObject(1, id);
                    try (ResultSet rows = query.executeQuery()) {
                        assertThat(rows.next())
                                .as("the record of answered call %s", id)
                                .isTrue();
                        assertThat(rows.getString(1)).isEqualTo("succeeded");
                    }
                }
            }
            assertMeteredExactlyOnce(database, key.id(), new Outcomes(answered, Map.of()));
        }
    }

    private static void assertMeteredExactlyOnce(RestartableDatabase database, UUID keyId, Outcomes outcomes)
            throws Exception {
        List<UUID> recorded = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM inference_logs WHERE api_key_id = ? AND status = 'succeeded'")) {
            query.setObject(1, keyId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    recorded.add(rows.getObject(1, UUID.class));
                }
            }
        }
        assertThat(recorded).doesNotHaveDuplicates();
        assertThat(new HashSet<>(recorded))
                .as("every answered prediction recorded, and nothing else")
                .isEqualTo(outcomes.answered());
    }
}
