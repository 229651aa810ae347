package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_keys}. The secret itself is never stored: only {@code keyHash}, a keyed hash of it. */
public record ApiKeyRecord(
        UUID id,
        UUID accountId,
        String prefix,
        byte[] keyHash,
        String name,
        List<String> scopes,
        Integer rateLimitPerMinute,
        int rateLimitPerHour,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt) {

    public ApiKeyRecord {
        scopes = List.copyOf(scopes);
    }

    /** MyBatis maps {@code text[]} to {@code String[]}. */
    public ApiKeyRecord(
            UUID id,
            UUID accountId,
            String prefix,
            byte[] keyHash,
            String name,
            String[] scopes,
            Integer rateLimitPerMinute,
            Integer rateLimitPerHour,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            OffsetDateTime revokedAt,
            OffsetDateTime lastUsedAt) {
        this(
                id,
                accountId,
                prefix,
                keyHash,
                name,
                List.of(scopes),
                rateLimitPerMinute,
                rateLimitPerHour,
                createdAt,
                expiresAt,
                revokedAt,
                lastUsedAt);
    }

    public String[] scopeArray() {
        return scopes.toArray(String[]::new);
    }
}
