package ai.hokusai.server.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ModelMapper {

    Optional<ModelRecord> findById(int id);

    Optional<ModelRecord> findBySlug(String slug);

    /** The model that owns the deployment, whatever the deployment's status, unless it is retired. */
    Optional<ModelRecord> findByDeploymentId(UUID deploymentId);

    /** Models with an id above {@code afterId} (null: from the start), ordered by id. */
    /** Models with an id above {@code afterId}, by id; only public ones and {@code visibleTo}'s own unless it is null. */
    List<ModelRecord> listAfter(
            @Param("afterId") Integer afterId, @Param("visibleTo") UUID visibleTo, @Param("limit") int limit);

    /** Inserts the model unless one with its id exists; returns the rows inserted. */
    int insertIfAbsent(ModelRecord model);

    /** Holds every other registration back until this transaction ends, so two cannot take the same number. */
    String lockRegistrations();

    /** The next public model number: one above the highest. */
    int nextId();

    /** Locks the model's row until the transaction ends. */
    Optional<Integer> lockById(int id);

    /** Changes the non-null settings; returns the rows changed. */
    int updateSettings(
            @Param("id") int id,
            @Param("description") String description,
            @Param("tags") String[] tags,
            @Param("maxBatchSize") Integer maxBatchSize,
            @Param("cacheTtlSeconds") Integer cacheTtlSeconds,
            @Param("visibility") String visibility);
}
