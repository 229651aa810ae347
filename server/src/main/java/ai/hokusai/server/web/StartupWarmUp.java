package ai.hokusai.server.web;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.service.WarmUpKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs keyed requests through the whole server before the instance reports ready, so the first requests it is sent
 * find their path compiled rather than interpreted or still compiling. With a short-lived key of its own
 * ({@link WarmUpKeys}), {@value #CLIENTS} clients call over loopback what integrations call: the spec's predict
 * examples (one lead, and a batch every {@value #BATCH_EVERY} rounds), the model's metadata and {@code /health/live}.
 * The calls go through authentication, the rate limiter, the body checks, the model and metering like any other;
 * afterwards their inference logs, the key's bucket and the key are deleted, so nothing is charged and nothing
 * remains (when a call went unanswered, the key is revoked and kept instead, see {@link WarmUpKeys}).
 *
 * <p>It runs at least {@code hokusai.warm-up.rounds} predicts and then until the JIT compiler is quiet: under
 * {@value #QUIET_COMPILE_MS} ms of compilation, summed over its threads, in the last {@value #QUIET_SECONDS} s (half a
 * core), at most {@code hokusai.warm-up.timeout}. On two cores the compiler needs 45–57 s of this traffic; on more it
 * is done sooner. A warm-up cannot be exact: what real traffic does differently (other bodies, the access line and
 * request metrics the warm-up leaves out) is compiled again after ready, which on two cores takes about 10 s instead
 * of 30. Readiness answers 503 until this has finished ({@link ReadinessState} turns ready once the application
 * runners have run). The warm-up's requests leave no access line and count in no {@code http.server.requests}
 * metric; the stage timers and the metering writer's metrics do count them, as the server's own work.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);
    /** Marks the warm-up's own requests, which leave no access line and no metric; its value is this process's. */
    static final String HEADER = "X-Hokusai-Warm-Up";
    /**
     * Calls at once, as a busy instance serves them, so the paths of contended locks and batched commits are
     * compiled too: with 32 the first 10 s after ready ran faster in {@code bench/} than with 16 or 4.
     */
    static final int CLIENTS = 32;
    static final int BATCH_EVERY = 4;
    static final int QUIET_SECONDS = 3;
    static final long QUIET_COMPILE_MS = 1500;
    /** Longer than the server takes to answer even a refused call, so the warm-up ends with every call answered. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final String token = UUID.randomUUID().toString();

    private final WarmUpKeys keys;
    private final ApiSpecDocument spec;
    private final JsonMapper json;
    private final Environment environment;
    private final int rounds;
    private final Duration timeout;

    public StartupWarmUp(WarmUpKeys keys, ApiSpecDocument spec, JsonMapper json, Environment environment,
            @Value("${hokusai.warm-up.rounds}") int rounds,
            @Value("${hokusai.warm-up.timeout}") Duration timeout) {
        this.keys = keys;
        this.spec = spec;
        this.json = json;
        this.environment = environment;
        this.rounds = rounds;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        String port = environment.getProperty("local.server.port");
        if (rounds <= 0 || timeout.isZero() || port == null) {
            return;
        }
        long started = System.nanoTime();
        ApiKeyService.IssuedKey key;
        try {
            key = keys.issue(timeout);
        } catch (RuntimeException e) {
            // A warm-up that fails costs speed, never the start: the requests themselves will say what is wrong.
            log.warn("Start-up warm-up skipped: could not issue its key: {}", e.toString());
            return;
        }
        Outcome outcome = null;
        try {
            outcome = drive(new Loopback(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build(), "http://127.0.0.1:" + port, token, key.secret(),
                    String.valueOf(spec.resolve("#/components/parameters/ModelRef").get("example")),
                    predictBodies()), started);
        } finally {
            try {
                if (!keys.discard(key.key().id(), outcome != null && outcome.allAnswered())) {
                    log.warn("The start-up warm-up's key is revoked and kept until its calls are written; the next "
                            + "start deletes them");
                }
            } catch (RuntimeException e) {
                log.warn("Could not remove the start-up warm-up's key and calls: {}", e.toString());
            }
        }
        if (outcome.failure() != null) {
            log.warn("Start-up warm-up stopped after {} rounds: {}", outcome.rounds(), outcome.failure());
        } else {
            log.info("Warmed up in {} ms ({} rounds, {})", (System.nanoTime() - started) / 1_000_000,
                    outcome.rounds(), outcome.reason());
        }
    }

    /** Whether a request is one of the warm-up's own (they carry this process's random token). */
    boolean isWarmUp(String headerValue) {
        return token.equals(headerValue);
    }

    /**
     * The predict bodies the clients send in turn: mostly one lead, every {@value #BATCH_EVERY}th a batch, each both
     * compact and indented, as clients send them (the JSON parser's handling of white space is compiled as well).
     */
    private List<byte[]> predictBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (ObjectWriter writer : List.of(json.writer(), json.writerWithDefaultPrettyPrinter())) {
            for (int i = 0; i < BATCH_EVERY; i++) {
                String example = i == BATCH_EVERY - 1 ? "PredictRequestBatch" : "PredictRequestOne";
                bodies.add(writer.writeValueAsBytes(spec.resolve("#/components/examples/" + example).get("value")));
            }
        }
        return List.copyOf(bodies);
    }

    /** {@code allAnswered}: every call got its answer, whatever the status (none timed out or lost its connection). */
    private record Outcome(int rounds, String reason, String failure, boolean allAnswered) {
    }

    private Outcome drive(Loopback loopback, long started) {
        long deadline = started + timeout.toNanos();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean unanswered = new AtomicBoolean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long[] compiledMs = new long[QUIET_SECONDS + 1];
        String reason;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(() -> {
                    while (!stop.get()) {
                        try {
                            loopback.round(done.getAndIncrement());
                        } catch (RuntimeException e) {
                            if (!(e instanceof Refused)) {
                                unanswered.set(true);
                            }
                            failure.compareAndSet(null, e.getMessage());
                            stop.set(true);
                        }
                    }
                });
            }
            for (int second = 0;; second++) {
                if (stop.get()) {
                    reason = "failed";
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    reason = "timeout reached";
                    break;
                }
                if (jitTimed) {
                    compiledMs[second % compiledMs.length] = jit.getTotalCompilationTime();
                }
                if (done.get() >= rounds && (!jitTimed || second >= QUIET_SECONDS && compiledMs[second
                        % compiledMs.length] - compiledMs[(second + 1) % compiledMs.length] < QUIET_COMPILE_MS)) {
                    reason = jitTimed ? "compiler quiet" : rounds + " rounds";
                    break;
                }
                sleepUntil(Math.min(deadline, started + (second + 1) * 1_000_000_000L));
            }
            // The clients end their current round and stop; closing waits for them, so every call has been answered.
            stop.set(true);
        }
        return new Outcome(done.get(), reason, failure.get(), !unanswered.get());
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A warm-up call that was answered, with a status other than 2xx. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Keyed calls over loopback: each is answered by the same code a client's call is, and must succeed. */
    private record Loopback(HttpClient client, String base, String token, String key, String modelRef,
            List<byte[]> bodies) {

        void round(int n) {
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + modelRef + "/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n % bodies.size()))));
            if (n % BATCH_EVERY == 0) {
                send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + modelRef)).GET());
                send(HttpRequest.newBuilder(URI.create(base + "/health/live")).GET());
            }
        }

        private void send(HttpRequest.Builder request) {
            HttpResponse<Void> answer;
            try {
                answer = client.send(request.header(HEADER, token).header("Authorization", "Bearer " + key)
                        .timeout(ANSWER_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (answer.statusCode() / 100 != 2) {
                throw new Refused(answer.request().method() + " " + answer.uri().getPath()
                        + " answered " + answer.statusCode());
            }
        }
    }
}
