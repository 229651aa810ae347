package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface OutcomeMapper {

    void insert(OutcomeRecord outcome);

    /** A row of {@code outcomes}: what really happened to the input of one logged call. */
    record OutcomeRecord(UUID id, UUID inferenceLogId, UUID apiKeyId, double outcomeScore, String outcomeType,
            OffsetDateTime createdAt) {
    }
}
