package ai.hokusai.server.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.service.PredictionService;
import ai.hokusai.server.service.RequestBodyValidator;
import ai.hokusai.server.web.model.PredictRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the code a request goes through before the instance reports ready, so the first requests it is sent find it
 * compiled rather than interpreted. Nothing is written and nothing is charged: the container, the filters, routing and
 * the problem answers are exercised over loopback by requests without a key ({@code /health/live}, a predict refused
 * with 401); reading, checking and binding a predict body, checking a model's input, running the model and writing its
 * predictions run in-process on the spec's own predict example. Readiness answers 503 until this has finished
 * ({@link ReadinessState} turns ready once the application runners have run); it is bounded by
 * {@code hokusai.warm-up.rounds} and {@code hokusai.warm-up.timeout}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);
    private static final String OPERATION = "predict";
    /** Marks the warm-up's own requests, which leave no access line and no metric; its value is this process's. */
    static final String HEADER = "X-Hokusai-Warm-Up";

    private final String token = UUID.randomUUID().toString();

    private final RequestBodyValidator bodies;
    private final PredictionService predictions;
    private final ModelRegistry registry;
    private final ApiSpecDocument spec;
    private final JsonMapper json;
    private final Environment environment;
    private final int rounds;
    private final Duration timeout;

    /** {@code predictions} is resolved lazily: it needs the observation registry, which needs this bean. */
    public StartupWarmUp(RequestBodyValidator bodies, @Lazy PredictionService predictions, ModelRegistry registry,
            ApiSpecDocument spec, JsonMapper json, Environment environment,
            @Value("${hokusai.warm-up.rounds}") int rounds,
            @Value("${hokusai.warm-up.timeout}") Duration timeout) {
        this.bodies = bodies;
        this.predictions = predictions;
        this.registry = registry;
        this.spec = spec;
        this.json = json;
        this.environment = environment;
        this.rounds = rounds;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (rounds <= 0 || timeout.isZero()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        byte[] body = json.writeValueAsBytes(spec.resolve("#/components/examples/PredictRequestOne").get("value"));
        String modelRef = String.valueOf(spec.resolve("#/components/parameters/ModelRef").get("example"));
        RegisteredModel model = exampleModel(modelRef);
        Loopback loopback = Loopback.of(environment, token);
        int done = 0;
        try {
            while (done < rounds && System.nanoTime() < deadline) {
                Object value = bodies.check(OPERATION, body);
                json.convertValue(value, PredictRequest.class);
                if (model != null && value instanceof Map<?, ?> request) {
                    json.writeValueAsBytes(predictions.warmUp(modelRef, request.get("inputs")).predictions());
                }
                if (loopback != null) {
                    loopback.call(modelRef, body);
                }
                done++;
            }
        } catch (RuntimeException e) {
            // A warm-up that fails costs speed, never the start: the requests themselves will say what is wrong.
            log.warn("Start-up warm-up stopped after {} rounds: {}", done, e.toString());
            return;
        }
        log.info("Warmed up in {} ms ({} rounds)", (System.nanoTime() - started) / 1_000_000, done);
    }

    private RegisteredModel exampleModel(String modelRef) {
        try {
            return registry.resolve(modelRef).model();
        } catch (DomainException notRegistered) {
            return null;
        }
    }

    /** Whether a request is one of the warm-up's own (they carry this process's random token). */
    boolean isWarmUp(String headerValue) {
        return token.equals(headerValue);
    }

    /** Requests over loopback that pass every layer a keyed call passes, up to the key check, and write nothing. */
    private record Loopback(HttpClient client, String base, String token) {

        static Loopback of(Environment environment, String token) {
            String port = environment.getProperty("local.server.port");
            if (port == null) {
                return null;
            }
            return new Loopback(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                    "http://127.0.0.1:" + port, token);
        }

        void call(String modelRef, byte[] body) {
            send(HttpRequest.newBuilder(URI.create(base + "/health/live")).GET());
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + modelRef + "/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        private void send(HttpRequest.Builder request) {
            try {
                client.send(request.header(HEADER, token).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
