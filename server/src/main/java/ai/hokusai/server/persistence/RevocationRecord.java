package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One revoked key, as read by the instances that poll for revocations. */
public record RevocationRecord(UUID id, OffsetDateTime revokedAt) {}
