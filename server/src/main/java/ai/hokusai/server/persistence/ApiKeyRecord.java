package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_keys}. The secret itself is never stored: only {@code keyHash}, a keyed hash of it. */
public record ApiKeyRecord(
        UUID id,
        String prefix,
        byte[] keyHash,
        String name,
        List<String> scopes,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt) {

    public ApiKeyRecord {
        scopes = List.copyOf(scopes);
    }

    /** MyBatis maps {@code text[]} to {@code String[]}. */
    public ApiKeyRecord(UUID id, String prefix, byte[] keyHash, String name, String[] scopes, OffsetDateTime createdAt,
            OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
        this(id, prefix, keyHash, name, List.of(scopes), createdAt, expiresAt, revokedAt);
    }

    public String[] scopeArray() {
        return scopes.toArray(String[]::new);
    }
}
