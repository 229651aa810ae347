package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code accounts}; {@code rateLimitPerHour} null when the account has no account-wide limit. */
public record AccountRecord(UUID id, String slug, String name, Integer rateLimitPerHour, OffsetDateTime createdAt) {

    /** The platform operator's account, {@code hokusai}, made by migration V5. */
    public static final UUID OPERATOR_ACCOUNT_ID = UUID.fromString("0f6b1c3e-9a2d-4e7f-8b5c-000000000001");
}
