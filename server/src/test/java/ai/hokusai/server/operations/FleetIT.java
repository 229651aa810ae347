package ai.hokusai.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The API run as a fleet, on real parts: two instances of the packaged jar on one PostgreSQL of the operating system's,
 * behind HAProxy, under a bounded loopback load. One instance is SIGKILLed and restarted mid-run, then both are
 * restarted one after the other with SIGTERM. Shown: every answered prediction is metered exactly once; a key's limit
 * holds across both instances within the documented overshoot; a revoke through one instance is refused by the other
 * within the revocation poll interval; a SIGTERMed instance is not ready before it stops, and no request fails while
 * it drains. Prints the figures. Runs with {@code -Pfleet} (it takes a few minutes), which {@code .ci/run} uses.
 */
class FleetIT {

    private static final String PREDICT = "/api/v1/models/21/predict";
    private static final String SECRET = "fleet-key-hash-secret-shared-by-all";
    private static final String ADMIN = "hk_test_fleetAdminKey0123456789abcdefgh";
    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final int CLIENTS = 4;
    /** Documented: hokusai.rate-limit.* — T = min(50, floor(quota x 1 %)) per instance. */
    private static final int HOURLY_QUOTA = 300;

    private static final int OVERSHOOT_PER_INSTANCE = Math.min(50, (int) Math.floor(HOURLY_QUOTA * 0.01));
    /** Documented: hokusai.api-keys.revocation-poll-interval (1 s), plus a request. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServerLauncher> instances = new ConcurrentHashMap<>();
    private DebianPostgres database;

    /** What the load saw, by phase: answered ids, and failures by kind. */
    private volatile String phase = "steady";

    private final ConcurrentLinkedQueue<UUID> answered = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile long killedAtNanos;

    @Test
    void theFleetMetersEveryAnswerOnceAndRestartsWithoutFailingARequest() throws Exception {
        database = DebianPostgres.start();
        ports.put("a", freePort());
        ports.put("b", freePort());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 4);
        try {
            // Both instances start at once on the empty database: Flyway's lock makes one migrate it.
            var startA = pool.submit(() -> start("a"));
            var startB = pool.submit(() -> start("b"));
            startA.get(180, TimeUnit.SECONDS);
            startB.get(180, TimeUnit.SECONDS);
            try (Haproxy lb = Haproxy.start(ports)) {
                Thread.sleep(1_000); // two passed checks each
                TestHttp admin = new TestHttp(lb.baseUrl(), ADMIN);
                TestKeys.Key load = TestKeys.create(admin, List.of("predict"), 1_000_000, 10_000_000);
                AtomicBoolean firing = new AtomicBoolean(true);
                long bound = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
                for (int i = 0; i < CLIENTS; i++) {
                    pool.submit(() -> fire(lb.baseUrl(), load.secret(), firing, bound));
                }
                Thread.sleep(3_000);

                phase = "sigkill";
                killedAtNanos = System.nanoTime();
                instances.get("a").kill();
                Thread.sleep(2_000); // the balancer's checks find it gone
                phase = "restart-after-kill";
                start("a");
                Thread.sleep(1_500);

                Map<String, Duration> notReadyBeforeStop = new TreeMap<>();
                for (String name : List.of("b", "a")) {
                    phase = "sigterm-" + name;
                    notReadyBeforeStop.put(name, terminateWatchingReadiness(name));
                    phase = "restart-" + name;
                    start(name);
                    Thread.sleep(1_500);
                }
                phase = "steady-end";
                Thread.sleep(2_000);
                firing.set(false);

                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                Set<UUID> metered = meteredSucceeded(load.id());
                Set<UUID> answeredSet = new HashSet<>(answered);
                Set<UUID> meteredNotAnswered = new HashSet<>(metered);
                meteredNotAnswered.removeAll(answeredSet);
                Set<UUID> answeredNotMetered = new HashSet<>(answeredSet);
                answeredNotMetered.removeAll(metered);

                assertThat(migrationsAppliedTwice())
                        .as("two instances started at once migrated once")
                        .isZero();
                int overshoot = limitOvershoot(admin);
                Duration revocation = revocationDelay(admin);

                System.out.printf(
                        "%nFleet figures: %d requests sent through HAProxy by %d clients%n", sent.get(), CLIENTS);
                System.out.printf(
                        "  answered 200: %d; failures by phase and kind: %s%n",
                        answered.size(), new TreeMap<>(failures));
                System.out.printf(
                        "  metered (succeeded rows): %d; answered but not metered: %d; answered twice: %d; "
                                + "metered but unanswered (in flight at SIGKILL): %d%n",
                        metered.size(),
                        answeredNotMetered.size(),
                        answered.size() - answeredSet.size(),
                        meteredNotAnswered.size());
                System.out.printf(
                        "  limit overshoot: %d over an hourly quota of %d across 2 instances "
                                + "(documented bound %d)%n",
                        overshoot, HOURLY_QUOTA, 2 * OVERSHOOT_PER_INSTANCE);
                System.out.printf(
                        "  revocation refused by the other instance after %d ms (bound %d ms)%n",
                        revocation.toMillis(), REVOCATION_BOUND.toMillis());
                System.out.printf(
                        "  SIGTERM: readiness 503 this long before the instance stopped listening: %s%n%n",
                        notReadyBeforeStop);

                assertThat(answeredNotMetered)
                        .as("answered predictions not metered")
                        .isEmpty();
                assertThat(answered.size()).as("no answer counted twice").isEqualTo(answeredSet.size());
                assertThat(answered.size()).as("the load did run").isGreaterThan(500);
                assertThat(failures.keySet())
                        .as(
                                "requests fail only when an instance is SIGKILLed under them; " + "HAProxy logged:\n%s",
                                lb.log())
                        .allMatch(kind -> kind.startsWith("sigkill ") || kind.startsWith("restart-after-kill "));
                assertThat(meteredNotAnswered.size())
                        .as("only calls in flight at the kill are metered unanswered")
                        .isLessThanOrEqualTo(CLIENTS);
                notReadyBeforeStop.forEach((name, lead) -> assertThat(lead)
                        .as("instance %s drained", name)
                        .isGreaterThanOrEqualTo(DRAIN.minusMillis(500)));
                assertThat(overshoot).isBetween(0, 2 * OVERSHOOT_PER_INSTANCE);
                assertThat(revocation).isLessThan(REVOCATION_BOUND);
            }
        } finally {
            pool.shutdownNow();
            instances.values().forEach(ServerLauncher::close);
            database.close();
        }
    }

    private ServerLauncher start(String name) throws IOException, InterruptedException {
        ServerLauncher server = ServerLauncher.builder()
                .port(ports.get(name))
                .readyTimeout(Duration.ofSeconds(180))
                .env("HOKUSAI_EMBEDDED_DB", "false")
                .env("HOKUSAI_DB_URL", database.jdbcUrl())
                .env("HOKUSAI_DB_USER", "postgres")
                .env("HOKUSAI_KEY_HASH_SECRET", SECRET)
                .env("HOKUSAI_BOOTSTRAP_API_KEY", ADMIN)
                .env("HOKUSAI_SHUTDOWN_DRAIN", DRAIN.toSeconds() + "s")
                .start();
        instances.put(name, server);
        return server;
    }

    private void fire(String baseUrl, String key, AtomicBoolean firing, long boundNanos) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PREDICT))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ExampleInputs.predictRequestJson()))
                .build();
        while (firing.get() && System.nanoTime() < boundNanos && sent.get() < 200_000) {
            sent.incrementAndGet();
            String startedIn = phase;
            long startedAt = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    int start = response.body().indexOf("\"inference_log_id\":\"") + 20;
                    answered.add(UUID.fromString(response.body().substring(start, start + 36)));
                } else {
                    int code = response.body().indexOf("\"code\":\"");
                    String kind = code < 0
                            ? "from the balancer"
                            : response.body()
                                    .substring(code + 8, response.body().indexOf('"', code + 8));
                    failures.computeIfAbsent(
                                    when(startedIn, startedAt) + " " + response.statusCode() + " " + kind,
                                    k -> new AtomicInteger())
                            .incrementAndGet();
                }
            } catch (IOException e) {
                failures.computeIfAbsent(
                                when(startedIn, startedAt) + " " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                                k -> new AtomicInteger())
                        .incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The phase a failed request belongs to: "sigkill" when the instance was killed while it was in flight. */
    private String when(String startedIn, long startedAt) {
        long killed = killedAtNanos;
        return killed != 0
                        && startedAt <= killed
                        && killed <= System.nanoTime()
                        && !startedIn.startsWith("sigterm")
                        && !startedIn.startsWith("restart-")
                ? "sigkill"
                : startedIn;
    }

    /** SIGTERMs an instance; how long it answered 503 on readiness before it stopped taking connections. */
    private Duration terminateWatchingReadiness(String name) throws Exception {
        ServerLauncher server = instances.get(name);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long[] notReadyAt = {0};
        long[] refusedAt = {0};
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    int status = http.send(ready, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 503 && notReadyAt[0] == 0) {
                        notReadyAt[0] = System.nanoTime();
                    }
                } catch (IOException e) {
                    if (refusedAt[0] == 0) {
                        refusedAt[0] = System.nanoTime();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        server.close();
        watching.set(false);
        watcher.join(5_000);
        assertThat(notReadyAt[0])
                .as("instance %s reported not ready before it stopped", name)
                .isPositive();
        long stoppedAt = refusedAt[0] != 0 ? refusedAt[0] : System.nanoTime();
        return Duration.ofNanos(stoppedAt - notReadyAt[0]);
    }

    private Set<UUID> meteredSucceeded(UUID keyId) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM inference_logs WHERE api_key_id = ? AND status = 'succeeded'")) {
            query.setObject(1, keyId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private int migrationsAppliedTwice() throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM (SELECT version "
                        + "FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version "
                        + "HAVING count(*) > 1) twice");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Requests a key with a small hourly quota gets through, alternating between the instances, over its quota. */
    private int limitOvershoot(TestHttp admin) {
        TestKeys.Key limited = TestKeys.create(admin, List.of("predict"), null, HOURLY_QUOTA);
        List<TestHttp> both = new ArrayList<>();
        instances.values().forEach(s -> both.add(new TestHttp(s.baseUrl(), limited.secret())));
        int admitted = 0;
        for (int i = 0; i < HOURLY_QUOTA * 3 / 2; i++) {
            int status = both.get(i % 2)
                    .postJson(PREDICT, ExampleInputs.predictRequestJson())
                    .status();
            assertThat(status).isIn(200, 429);
            admitted += status == 200 ? 1 : 0;
        }
        return admitted - HOURLY_QUOTA;
    }

    /** A key used on instance b, revoked through instance a: how long until b refuses it. */
    private Duration revocationDelay(TestHttp admin) throws InterruptedException {
        TestKeys.Key key = TestKeys.create(admin, List.of("predict"), null, null);
        TestHttp onB = new TestHttp(instances.get("b").baseUrl(), key.secret());
        TestHttp adminOnA = new TestHttp(instances.get("a").baseUrl(), ADMIN);
        assertThat(onB.get("/api/v1/models/21/info").status()).isIn(200, 403);
        assertThat(onB.postJson(PREDICT, ExampleInputs.predictRequestJson()).status())
                .isEqualTo(200);
        assertThat(adminOnA.send("DELETE", "/api/v1/api-keys/" + key.id(), Map.of(), null)
                        .status())
                .isEqualTo(204);
        long revoked = System.nanoTime();
        while (onB.postJson(PREDICT, ExampleInputs.predictRequestJson()).status() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(30));
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - revoked);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
