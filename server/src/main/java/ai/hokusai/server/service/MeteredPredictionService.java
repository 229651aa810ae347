package ai.hokusai.server.service;

import ai.hokusai.server.config.RequestStages;
import ai.hokusai.server.config.RequestStages.Stage;
import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.persistence.InferenceLogRecord;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The predict use case as the platform sells it: every call, answered or failed, leaves exactly one
 * {@code inference_logs} record, and a call that could not be recorded is not served.
 */
@Service
public class MeteredPredictionService {

    private final PredictionService predictions;
    private final InferenceMeter meter;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final RequestStages stages;
    private final ConcurrentHashMap<TimerKey, Timer> predictTimers = new ConcurrentHashMap<>();

    public MeteredPredictionService(
            PredictionService predictions,
            InferenceMeter meter,
            Clock clock,
            MeterRegistry metrics,
            RequestStages stages) {
        this.stages = stages;
        this.metrics = metrics;
        this.predictions = predictions;
        this.meter = meter;
        this.clock = clock;
    }

    /** Who asked, for the record and for which models it may call. */
    public record Call(Caller caller, String idempotencyKey) {

        UUID keyId() {
            return caller.keyId();
        }

        String requestId() {
            return caller.requestId();
        }
    }

    /** A prediction and the id of its record. */
    public record MeteredPrediction(UUID inferenceLogId, PredictionService.Prediction prediction) {}

    /** What one call served, as its record keeps it: by which model and deployment, how many inputs, what answer. */
    public interface Served {
        RegisteredModel model();

        ModelDeployment deployment();

        String modelVersion();

        int batchSize();

        /** The answer, as JSON-ready values, for the record's payload. */
        Object outputs();

        /** The tokens the inputs cost, by the model's own tokenizer; null where the model counts none. */
        default Integer tokens() {
            return null;
        }
    }

    /** What a call served and the id of its record. */
    public record Metered<S extends Served>(UUID inferenceLogId, S served) {}

    /**
     * @throws MeteringUnavailableException when the call cannot be recorded (nothing is predicted or answered then)
     */
    public MeteredPrediction predict(Call caller, String modelRef, Object inputs) {
        Metered<PredictionService.Prediction> metered =
                serve(caller, modelRef, inputs, resolved -> predictions.predict(resolved, inputs));
        return new MeteredPrediction(metered.inferenceLogId(), metered.served());
    }

    /**
     * Runs {@code serving} on the model {@code modelRef} names for the caller, metered as predict is: one record per
     * call, answered or failed, and an answer only once its record is committed.
     *
     * @param inputs what the call was asked, as JSON-ready values, for the record's payload
     * @throws MeteringUnavailableException when the call cannot be recorded (nothing is served or answered then)
     */
    public <S extends Served> Metered<S> serve(
            Call caller, String modelRef, Object inputs, Function<ResolvedModel, S> serving) {
        InferenceMeter.Reservation reservation = meter.reserve();
        UUID id = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(clock);
        long startedNanos = System.nanoTime();
        ResolvedModel resolved = null;
        try {
            resolved = predictions.resolve(caller.caller(), modelRef);
            S p = serving.apply(resolved);
            predictTimer(p).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            // Answered only once billed: the record is committed before the prediction leaves this method. The
            // payloads are written as JSON by the meter's writer, off this thread.
            stages.observe(Stage.METER, () -> {
                InferenceMeter.Pending record = reservation.record(
                        new InferenceLogRecord(
                                id,
                                caller.keyId(),
                                p.model().id(),
                                p.deployment().id(),
                                p.modelVersion(),
                                caller.requestId(),
                                caller.idempotencyKey(),
                                InferenceLogRecord.SUCCEEDED,
                                null,
                                elapsedMs(startedNanos),
                                p.batchSize(),
                                null,
                                null,
                                false,
                                started,
                                OffsetDateTime.now(clock),
                                p.tokens()),
                        inputs,
                        p.outputs());
                if (!record.awaitCommitted()) {
                    throw new MeteringUnavailableException();
                }
            });
            return new Metered<>(id, p);
        } catch (MeteringUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // A failure on a model the caller may see counts in its publisher's view of the model.
            Integer modelId = resolved == null ? null : resolved.model().id();
            UUID deploymentId = resolved == null
                    ? null
                    : resolved.activeDeployment().map(ModelDeployment::id).orElse(null);
            reservation.record(
                    new InferenceLogRecord(
                            id,
                            caller.keyId(),
                            modelId,
                            deploymentId,
                            null,
                            caller.requestId(),
                            caller.idempotencyKey(),
                            InferenceLogRecord.FAILED,
                            errorCode(e),
                            elapsedMs(startedNanos),
                            0,
                            null,
                            null,
                            false,
                            started,
                            OffsetDateTime.now(clock),
                            null),
                    inputs,
                    null);
            throw e;
        }
    }

    /** One timer per model and runtime, registered once: a lookup by tags on every call costs more than the call. */
    private Timer predictTimer(Served p) {
        return predictTimers.computeIfAbsent(
                new TimerKey(p.model().id(), p.deployment().runtime()),
                key -> Timer.builder("hokusai.predict")
                        .description("Time to validate and run one predict call on its model")
                        .tag("model", String.valueOf(key.modelId()))
                        .tag("runtime", key.runtime())
                        .publishPercentileHistogram()
                        .register(metrics));
    }

    private record TimerKey(int modelId, String runtime) {}

    private static double elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000.0;
    }

    /** The problem code the caller saw, so failed calls can be counted by cause. */
    private static String errorCode(RuntimeException e) {
        return (e instanceof DomainException known ? known.code() : ErrorCode.INTERNAL_ERROR).code();
    }
}
