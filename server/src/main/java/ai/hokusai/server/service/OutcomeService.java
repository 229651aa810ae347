package ai.hokusai.server.service;

import ai.hokusai.server.error.StoreUnavailableException;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.OutcomeMapper;
import ai.hokusai.server.persistence.OutcomeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Records what really happened to a predicted input; only the key that made the prediction may say. */
@Service
public class OutcomeService {

    /** A record made a moment ago may still be in the metering buffer; waiting this long covers a normal flush. */
    private static final Duration WAIT_FOR_RECORD = Duration.ofSeconds(5);

    private final InferenceLogMapper logs;
    private final OutcomeMapper outcomes;
    private final InferenceMeter meter;
    private final Clock clock;

    public OutcomeService(InferenceLogMapper logs, OutcomeMapper outcomes, InferenceMeter meter, Clock clock) {
        this.logs = logs;
        this.outcomes = outcomes;
        this.meter = meter;
        this.clock = clock;
    }

    /**
     * @throws InferenceLogNotFoundException when no call has this id
     * @throws NotOwnerException             when another key made the call
     */
    public ReportedOutcome report(UUID keyId, UUID inferenceLogId, double score, String type) {
        Optional<UUID> buffered = meter.unwrittenOwner(inferenceLogId);
        UUID owner = buffered.or(() -> logs.findOwner(inferenceLogId))
                .orElseThrow(() -> new InferenceLogNotFoundException(inferenceLogId));
        if (!owner.equals(keyId)) {
            throw new NotOwnerException(
                    "Only the API key that made prediction " + inferenceLogId + " may report its outcome.");
        }
        if (buffered.isPresent()) {
            awaitWritten(inferenceLogId);
        }
        OutcomeRecord outcome =
                new OutcomeRecord(UUID.randomUUID(), inferenceLogId, keyId, score, type, OffsetDateTime.now(clock));
        outcomes.insert(outcome);
        return new ReportedOutcome(
                outcome.id(),
                outcome.inferenceLogId(),
                outcome.outcomeScore(),
                outcome.outcomeType(),
                outcome.createdAt());
    }

    private void awaitWritten(UUID inferenceLogId) {
        try {
            if (!meter.awaitWritten(inferenceLogId, WAIT_FOR_RECORD)) {
                throw new StoreUnavailableException(new IllegalStateException(
                        "The record of prediction " + inferenceLogId + " is not written yet."));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
    }
}
