package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ApiKeyMapper {

    Optional<ApiKeyRecord> findByPrefix(String prefix);

    Optional<ApiKeyRecord> findById(UUID id);

    /** Every key of the account, newest first. */
    List<ApiKeyRecord> findByAccount(UUID accountId);

    /** Replaces the key's scopes. */
    void updateScopes(@Param("id") UUID id, @Param("scopes") String[] scopes);

    /** Keys neither revoked nor expired. */
    long countUsable();

    void insert(ApiKeyRecord key);

    /** Marks the key revoked unless it already is; the count of keys found (revoked now or before). */
    int revoke(UUID id);

    /** Keys revoked at or after {@code since}, by revocation time. */
    List<RevocationRecord> revokedSince(@Param("since") OffsetDateTime since);

    /** The database's clock, so every instance measures revocations against one clock. */
    OffsetDateTime databaseNow();

    void touchLastUsed(@Param("ids") Collection<UUID> ids);
}
