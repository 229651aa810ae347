package ai.hokusai.server.config;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The named stages of a request, each one Micrometer observation: a timer {@code hokusai.stage{stage=…}} on the
 * metrics endpoint and, when tracing is on ({@link TracingConfiguration}), a span {@code hokusai <stage>} inside the
 * request's span. Tags are the stage and the outcome only: never a key, a model input or a request id.
 */
@Component
public class RequestStages {

    public static final String OBSERVATION = "hokusai.stage";
    private static final String DESCRIPTION = "Time of one stage of a keyed request (authenticate, rate_limit) or of a "
            + "predict (resolve, validate, load, model, meter)";

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

    private final ObservationRegistry registry;

    public RequestStages(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code work} as {@code stage}; an exception it throws marks the stage failed and is rethrown as is. */
    public <T> T observe(Stage stage, Supplier<T> work) {
        return observation(stage).observe(work);
    }

    public void observe(Stage stage, Runnable work) {
        observation(stage).observe(work);
    }

    /**
     * The stage timer gets its help text, and no "in progress" gauge: a stage lasts microseconds to milliseconds,
     * and the gauge would cost every stage a second meter.
     */
    @Bean
    static MeterFilter stageMeters() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().startsWith(OBSERVATION + ".active") ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals(OBSERVATION) && id.getDescription() == null
                        ? new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), DESCRIPTION, id.getType())
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
