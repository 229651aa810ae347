package ai.hokusai.server.service;

import ai.hokusai.server.persistence.AccountRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as the API shows it; {@code rateLimitPerHour} null when it has no account-wide limit. */
public record Account(UUID id, String slug, String name, Integer rateLimitPerHour, OffsetDateTime createdAt) {

    static Account of(AccountRecord row) {
        return new Account(row.id(), row.slug(), row.name(), row.rateLimitPerHour(), row.createdAt());
    }
}
