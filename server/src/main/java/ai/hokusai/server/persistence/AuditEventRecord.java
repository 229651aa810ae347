package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code audit_events}; {@code changesJson} is the changed fields as a JSON object. */
public record AuditEventRecord(
        UUID id,
        OffsetDateTime occurredAt,
        UUID accountId,
        UUID actorAccountId,
        UUID actorKeyId,
        String requestId,
        String operation,
        String objectType,
        String objectId,
        String changesJson) {}
