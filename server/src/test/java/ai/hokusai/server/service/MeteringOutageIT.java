package ai.hokusai.server.service;

import ai.hokusai.testsupport.ExampleInputs;
import static org.assertj.core.api.Assertions.assertThat;

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

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Metering loses nothing: the database stopped and restarted under load, and a graceful shutdown right after a burst
 * of predictions — every answered prediction is in {@code inference_logs} exactly once.
 */
class MeteringOutageIT {

    private static final String PREDICT = "/api/v1/models/21/predict";

    /** A PostgreSQL the test can stop and start again on the same port and data. */
    private static final class RestartableDatabase implements AutoCloseable {
        private final Path dataDir = ServerIntegrationTest.newDataDir();
        private final int port = freePort();
        private EmbeddedPostgres running;

        RestartableDatabase start() throws IOException {
            running = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setPort(port).start();
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
    private record Outcomes(Set<UUID> answered, Map<String, Integer> refused) {
    }

    @Test
    void aDatabaseStoppedAndRestartedUnderLoadLosesAndDoublesNoRecord() throws Exception {
        try (RestartableDatabase database = new RestartableDatabase().start();
                // Metering alone is under test: the limiter, which also needs the database, is off here.
                ConfigurableApplicationContext server = ExternalInstances.start(database.url(),
                        "--hokusai.metering.buffer-capacity=40", "--hokusai.metering.flush-interval=5ms",
                        "--hokusai.metering.max-backoff=500ms", "--hokusai.rate-limit.enabled=false",
                        "--spring.datasource.hikari.connection-timeout=500")) {
            TestKeys.Key key = TestKeys.create(ExternalInstances.http(server, ServerIntegrationTest.ADMIN_KEY),
                    List.of("predict"), null, 10_000_000);
            TestHttp caller = ExternalInstances.http(server, key.secret());
            ConcurrentLinkedQueue<UUID> answered = new ConcurrentLinkedQueue<>();
            TestHttp.Response warmUp = caller.postJson(PREDICT, ExampleInputs.predictRequestJson()); // warms every cache
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
                            answered.add(UUID.fromString(r.json().get("inference_log_id").asString()));
                        } else {
                            refused.merge(r.status() + " " + r.json().get("code").asString(), 1, Integer::sum);
                        }
                    }
                });
            }
            Thread.sleep(1_500);
            int answeredBeforeOutage = answered.size();
            database.stop();
            Thread.sleep(3_000);
            int answeredDuringOutage = answered.size() - answeredBeforeOutage;
            database.start();
            Thread.sleep(2_000);
            firing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            InferenceMeter meter = server.getBean(InferenceMeter.class);
            for (int i = 0; i < 300 && meter.backlog() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(meter.backlog()).as("everything buffered is written once the database is back").isZero();
            assertThat(answeredDuringOutage).as("predictions were answered from the buffer while the database was down")
                    .isPositive();
            assertThat(refused.keySet()).as("once the buffer was full, predictions were refused, not left unmetered")
                    .containsExactly("503 metering_unavailable");
            assertMeteredExactlyOnce(database, key.id(), new Outcomes(new HashSet<>(answered), refused));
        }
    }

    @Test
    void aGracefulShutdownWritesEverythingStillBuffered() throws Exception {
        try (RestartableDatabase database = new RestartableDatabase().start()) {
            TestKeys.Key key;
            Set<UUID> answered = new HashSet<>();
            // A long flush interval keeps the records in the buffer until the shutdown writes them.
            try (ConfigurableApplicationContext server = ExternalInstances.start(database.url(),
                    "--hokusai.metering.flush-interval=60s", "--hokusai.metering.batch-size=1000")) {
                key = TestKeys.create(ExternalInstances.http(server, ServerIntegrationTest.ADMIN_KEY),
                        List.of("predict"), null, null);
                TestHttp caller = ExternalInstances.http(server, key.secret());
                for (int i = 0; i < 30; i++) {
                    TestHttp.Response r = caller.postJson(PREDICT, ExampleInputs.predictRequestJson());
                    assertThat(r.status()).isEqualTo(200);
                    answered.add(UUID.fromString(r.json().get("inference_log_id").asString()));
                }
                assertThat(server.getBean(InferenceMeter.class).backlog()).as("still buffered").isPositive();
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
        assertThat(new HashSet<>(recorded)).as("every answered prediction recorded, and nothing else")
                .isEqualTo(outcomes.answered());
    }
}
