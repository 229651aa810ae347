package ai.hokusai.server.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import ai.hokusai.server.persistence.InferenceLogRecord;
import ai.hokusai.server.registry.DeploymentNotFoundException;
import ai.hokusai.server.registry.ModelNotFoundException;
import ai.hokusai.server.registry.ModelUnavailableException;
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
    private final JsonMapper json = JsonMapper.builder().build();

    public MeteredPredictionService(PredictionService predictions, InferenceMeter meter,
            MeteringProperties properties) {
        this.predictions = predictions;
        this.meter = meter;
        this.properties = properties;
    }

    /** Who asked, for the record. */
    public record Caller(UUID keyId, String requestId, String idempotencyKey) {
    }

    /** A prediction and the id of its record. */
    public record MeteredPrediction(UUID inferenceLogId, PredictionService.Prediction prediction) {
    }

    /**
     * @throws MeteringUnavailableException when the call cannot be recorded (nothing is predicted then)
     */
    public MeteredPrediction predict(Caller caller, String modelRef, Object inputs) {
        InferenceMeter.Reservation reservation = meter.reserve();
        UUID id = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        long startedNanos = System.nanoTime();
        try {
            PredictionService.Prediction p = predictions.predict(modelRef, inputs);
            Payloads payloads = payloads(inputs, p.predictions());
            reservation.record(new InferenceLogRecord(id, caller.keyId(), p.model().id(), p.deployment().id(),
                    p.modelVersion(), caller.requestId(), caller.idempotencyKey(), InferenceLogRecord.SUCCEEDED, null,
                    elapsedMs(startedNanos), p.batchSize(), payloads.input(), payloads.output(), payloads.truncated(),
                    started, OffsetDateTime.now(ZoneOffset.UTC)));
            return new MeteredPrediction(id, p);
        } catch (RuntimeException e) {
            Payloads payloads = payloads(inputs, null);
            reservation.record(new InferenceLogRecord(id, caller.keyId(), null, null, null, caller.requestId(),
                    caller.idempotencyKey(), InferenceLogRecord.FAILED, errorCode(e), elapsedMs(startedNanos), 0,
                    payloads.input(), null, payloads.truncated(), started, OffsetDateTime.now(ZoneOffset.UTC)));
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
        if (e instanceof InvalidRequestException invalid) {
            return invalid.inputViolation() ? "invalid_input" : "invalid_request";
        }
        if (e instanceof BatchTooLargeException) {
            return "batch_too_large";
        }
        if (e instanceof ModelNotFoundException) {
            return "model_not_found";
        }
        if (e instanceof DeploymentNotFoundException) {
            return "deployment_not_found";
        }
        if (e instanceof ModelUnavailableException) {
            return "model_unavailable";
        }
        return "internal_error";
    }
}
