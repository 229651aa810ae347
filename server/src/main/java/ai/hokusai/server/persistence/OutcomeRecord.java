package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code outcomes}: what really happened to the input of one logged call. */
public record OutcomeRecord(
        UUID id,
        UUID inferenceLogId,
        UUID apiKeyId,
        double outcomeScore,
        String outcomeType,
        OffsetDateTime createdAt) {}
