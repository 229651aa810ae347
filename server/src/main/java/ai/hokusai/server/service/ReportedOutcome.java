package ai.hokusai.server.service;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What really happened to the input of one predicted call, as its key reported it. */
public record ReportedOutcome(
        UUID id, UUID inferenceLogId, double outcomeScore, String outcomeType, OffsetDateTime createdAt) {}
