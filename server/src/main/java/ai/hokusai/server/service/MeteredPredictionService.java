package ai.hokusai.server.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ai.hokusai.server.config.RequestStages;
import ai.hokusai.server.config.RequestStages.Stage;
import ai.hokusai.server.error.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.persistence.InferenceLogRecord;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The predict use case as the platform sells it: every call, answered or failed, leaves exactly one
 * {@code inference_logs} record, and a call that could not be recorded is not served.
 */
@Service
public class MeteredPredictionService {

    private final PredictionService predictions;
    private final InferenceMeter meter;
    private final MeteringProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final RequestStages stages;

    public MeteredPredictionService(PredictionService predictions, InferenceMeter meter,
            MeteringProperties properties, JsonMapper json, Clock clock, MeterRegistry metrics,
            RequestStages stages) {
        this.stages = stages;
        this.metrics = metrics;
        this.predictions = predictions;
        this.meter = meter;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Who asked, for the record. */
    public record Caller(UUID keyId, String requestId, String idempotencyKey) {
    }

    /** A prediction and the id of its record. */
    public record MeteredPrediction(UUID inferenceLogId, PredictionService.Prediction prediction) {
    }

    /**
     * @throws MeteringUnavailableException when the call cannot be recorded (nothing is predicted or answered then)
     */
    public MeteredPrediction predict(Caller caller, String modelRef, Object inputs) {
        InferenceMeter.Reservation reservation = meter.reserve();
        UUID id = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(clock);
        long startedNanos = System.nanoTime();
        try {
            PredictionService.Prediction p = predictions.predict(modelRef, inputs);
            Timer.builder("hokusai.predict").description("Time to validate and run one predict call on its model")
                    .tag("model", String.valueOf(p.model().id())).tag("runtime", p.deployment().runtime())
                    .publishPercentileHistogram().register(metrics)
                    .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            // Answered only once billed: the record is committed before the prediction leaves this method.
            stages.observe(Stage.METER, () -> {
                Payloads payloads = payloads(inputs, p.predictions());
                InferenceMeter.Pending record = reservation.record(new InferenceLogRecord(id, caller.keyId(),
                        p.model().id(), p.deployment().id(), p.modelVersion(), caller.requestId(),
                        caller.idempotencyKey(), InferenceLogRecord.SUCCEEDED, null, elapsedMs(startedNanos),
                        p.batchSize(), payloads.input(), payloads.output(), payloads.truncated(), started,
                        OffsetDateTime.now(clock)));
                if (!record.awaitCommitted()) {
                    throw new MeteringUnavailableException();
                }
            });
            return new MeteredPrediction(id, p);
        } catch (MeteringUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            Payloads payloads = payloads(inputs, null);
            reservation.record(new InferenceLogRecord(id, caller.keyId(), null, null, null, caller.requestId(),
                    caller.idempotencyKey(), InferenceLogRecord.FAILED, errorCode(e), elapsedMs(startedNanos), 0,
                    payloads.input(), null, payloads.truncated(), started, OffsetDateTime.now(clock)));
            throw e;
        }
    }

    private record Payloads(String input, String output, boolean truncated) {
    }

    private Payloads payloads(Object inputs, Object outputs) {
        if (!properties.storePayloads()) {
            return new Payloads(null, null, false);
        }
        String input = inputs == null ? null : json.writeValueAsString(inputs);
        String output = outputs == null ? null : json.writeValueAsString(outputs);
        int max = properties.payloadMaxChars();
        boolean truncated = input != null && input.length() > max || output != null && output.length() > max;
        return new Payloads(cap(input, max), cap(output, max), truncated);
    }

    private static String cap(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static double elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000.0;
    }

    /** The problem code the caller saw, so failed calls can be counted by cause. */
    private static String errorCode(RuntimeException e) {
        return (e instanceof DomainException known ? known.code() : ErrorCode.INTERNAL_ERROR).code();
    }
}
