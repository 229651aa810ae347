package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface IdempotencyMapper {

    /**
     * Claims the key for a new request: inserts it, or takes over a record that expired before {@code expiredBefore}
     * or whose holder stopped answering before {@code abandonedBefore}.
     *
     * @return 1 when this request now owns the key, 0 when another does
     */
    int claim(
            @Param("keyId") UUID keyId,
            @Param("key") String key,
            @Param("hash") byte[] hash,
            @Param("expiredBefore") OffsetDateTime expiredBefore,
            @Param("abandonedBefore") OffsetDateTime abandonedBefore);

    Optional<IdempotencyRecord> find(@Param("keyId") UUID keyId, @Param("key") String key);

    void complete(
            @Param("keyId") UUID keyId,
            @Param("key") String key,
            @Param("status") int status,
            @Param("body") String body);

    /** Gives the key back after a failed request, so a retry executes. */
    void release(@Param("keyId") UUID keyId, @Param("key") String key);

    int deleteCreatedBefore(@Param("before") OffsetDateTime before);
}
