package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface AuditEventMapper {

    /** Appends one event; {@code occurredAt} is the database's clock when null. */
    void insert(AuditEventRecord event);

    /**
     * Events newest first, after the cursor ({@code beforeAt}, {@code beforeId}) when given; {@code accountId} null
     * for every account's. An event is an account's when it is about the account's object or made by its key.
     */
    List<AuditEventRecord> page(
            @Param("accountId") UUID accountId,
            @Param("objectType") String objectType,
            @Param("objectId") String objectId,
            @Param("since") OffsetDateTime since,
            @Param("until") OffsetDateTime until,
            @Param("beforeAt") OffsetDateTime beforeAt,
            @Param("beforeId") UUID beforeId,
            @Param("limit") int limit);
}
