package ai.hokusai.server.config;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The named stages of a request: a timer {@code hokusai.stage{stage=…,error=…}} and an in-progress long-task timer
 * {@code hokusai.stage.active{stage=…}} on the metrics endpoint and, when tracing is on ({@link TracingConfiguration}),
 * a span {@code hokusai <stage>} inside the request's span. Tags are the stage and the outcome only: never a key, a
 * model input or a request id.
 *
 * <p>With tracing on, each stage is a Micrometer observation, which makes the span and the timers. With tracing off
 * the same meters, with the same names and tags, are recorded directly on timers registered once: seven observations
 * per predict, each with its context, key values and handler look-ups, cost as much as the request's own
 * {@code http.server.requests} observation, for meters alone.
 */
@Component
public class RequestStages {

    public static final String OBSERVATION = "hokusai.stage";
    private static final String DESCRIPTION = "Time of one stage of a keyed request (authenticate, rate_limit) or of a "
            + "predict (resolve, validate, load, model, meter)";
    private static final String ACTIVE_DESCRIPTION = "Stages of keyed requests in progress";

    /** Where the time of a keyed request, and of a predict in particular, goes. */
    public enum Stage {
        AUTHENTICATE("authenticate"),
        RATE_LIMIT("rate_limit"),
        RESOLVE("resolve"),
        VALIDATE("validate"),
        /** The live deployment's loaded model: a cache hit when warm, a load when cold. */
        LOAD("load"),
        MODEL("model"),
        METER("meter");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Stage[] STAGES = Stage.values();

    private final ObservationRegistry registry;
    private final MeterRegistry meters;
    /** Whether spans are made: then every stage is an observation. */
    private final boolean tracing;

    private final Timer[] succeeded = new Timer[STAGES.length];
    private final LongTaskTimer[] active = new LongTaskTimer[STAGES.length];
    /** Failed stages by stage and exception type, the {@code error} tag an observation would give them. */
    private final ConcurrentHashMap<Failure, Timer> failed = new ConcurrentHashMap<>();

    public RequestStages(ObservationRegistry registry, MeterRegistry meters, ObjectProvider<OpenTelemetrySdk> tracing) {
        this.registry = registry;
        this.meters = meters;
        this.tracing = tracing.getIfAvailable() != null;
        for (Stage stage : STAGES) {
            succeeded[stage.ordinal()] = timer(stage, NO_ERROR);
            active[stage.ordinal()] = LongTaskTimer.builder(OBSERVATION + ".active")
                    .tag("stage", stage.label())
                    .register(meters);
        }
    }

    /** Runs {@code work} as {@code stage}; an exception it throws marks the stage failed and is rethrown as is. */
    public <T> T observe(Stage stage, Supplier<T> work) {
        if (tracing) {
            return observation(stage).observe(work);
        }
        LongTaskTimer.Sample inProgress = active[stage.ordinal()].start();
        long started = System.nanoTime();
        try {
            T result = work.get();
            succeeded[stage.ordinal()].record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException | Error e) {
            failed.computeIfAbsent(new Failure(stage, e.getClass().getSimpleName()), f -> timer(f.stage(), f.error()))
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        } finally {
            inProgress.stop();
        }
    }

    public void observe(Stage stage, Runnable work) {
        observe(stage, () -> {
            work.run();
            return null;
        });
    }

    /** The {@code error} tag of a stage that ended normally, as Micrometer's observation handler writes it. */
    private static final String NO_ERROR = "none";

    private record Failure(Stage stage, String error) {}

    private Timer timer(Stage stage, String error) {
        return Timer.builder(OBSERVATION)
                .tag("stage", stage.label())
                .tag("error", error)
                .register(meters);
    }

    /**
     * The stage timer gets its help text. Its "in progress" long-task timer ({@code hokusai.stage.active}) is kept:
     * a denied meter is never cached by the registry, so denying it sent every stage start through the registry's
     * lock and its filters, where concurrent requests queued.
     */
    @Bean
    static MeterFilter stageMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getName().equals(OBSERVATION)
                        ? DESCRIPTION
                        : id.getName().equals(OBSERVATION + ".active") ? ACTIVE_DESCRIPTION : null;
                return description != null && id.getDescription() == null
                        ? new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType())
                        : id;
            }
        };
    }

    private Observation observation(Stage stage) {
        return Observation.createNotStarted(OBSERVATION, registry)
                .contextualName("hokusai " + stage.label())
                .lowCardinalityKeyValue("stage", stage.label());
    }
}
