package ai.hokusai.server.security;

import ai.hokusai.server.persistence.ApiKeyRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What may be shown of an API key: everything but its secret and its hash.
 *
 * @param rateLimitPerMinute null when the key has no per-minute limit
 */
public record ApiKeyInfo(
        UUID id,
        UUID accountId,
        String prefix,
        String name,
        List<String> scopes,
        Integer rateLimitPerMinute,
        int rateLimitPerHour,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt) {

    public ApiKeyInfo {
        scopes = List.copyOf(scopes);
    }

    static ApiKeyInfo of(ApiKeyRecord row) {
        return new ApiKeyInfo(
                row.id(),
                row.accountId(),
                row.prefix(),
                row.name(),
                row.scopes(),
                row.rateLimitPerMinute(),
                row.rateLimitPerHour(),
                row.createdAt(),
                row.expiresAt(),
                row.revokedAt(),
                row.lastUsedAt());
    }
}
