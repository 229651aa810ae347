package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface InferenceLogMapper {

    /**
     * Inserts the rows, given column by column ({@link InferenceLogColumns#of}), that are not already there; the count
     * actually inserted. No default method wraps it: MyBatis binds a mapper's default method to its proxy anew on every
     * call, which cost the metering writer more than building the columns.
     */
    int insertColumns(@Param("c") InferenceLogColumns columns);

    /** The key that made a logged call. */
    Optional<UUID> findOwner(UUID id);

    /** Successful calls of one key per UTC day and model in {@code [from, until)}. */
    /** Successful calls of every key of the account, per day, model and key. */
    List<UsageCountRecord> accountUsage(
            @Param("accountId") UUID accountId,
            @Param("from") OffsetDateTime from,
            @Param("until") OffsetDateTime until,
            @Param("modelId") Integer modelId);

    /** Every call of the model, per day and calling account. */
    List<ModelUsageRecord> modelUsage(
            @Param("modelId") int modelId, @Param("from") OffsetDateTime from, @Param("until") OffsetDateTime until);

    List<UsageCountRecord> usage(
            @Param("keyId") UUID keyId,
            @Param("from") OffsetDateTime from,
            @Param("until") OffsetDateTime until,
            @Param("modelId") Integer modelId);
}
