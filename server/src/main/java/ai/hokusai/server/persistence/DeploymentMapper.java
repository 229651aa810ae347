package ai.hokusai.server.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Deployments; a retired deployment is found by none of the finders. */
@Mapper
public interface DeploymentMapper {

    Optional<DeploymentRecord> findById(UUID id);

    /** The deployment, locked until the transaction ends. */
    Optional<DeploymentRecord> lockById(UUID id);

    Optional<DeploymentRecord> findActiveByModelId(int modelId);

    /** The active deployments of several models in one query (a page of models). */
    List<DeploymentRecord> findActiveByModelIds(@Param("modelIds") List<Integer> modelIds);

    /** Newest first. */
    List<DeploymentRecord> listByModelId(int modelId);

    /** Inserts the deployment unless one with its id exists; returns the rows inserted. */
    int insertIfAbsent(DeploymentRecord deployment);

    /** Whether the model has a deployment (retired or not) with this version. */
    boolean versionExists(@Param("modelId") int modelId, @Param("version") String version);

    /** {@code pending → loading}; returns the rows changed (0 when another instance took it). */
    int markLoading(UUID id);

    int markReady(
            @Param("id") UUID id,
            @Param("revision") String revision,
            @Param("filesJson") String filesJson,
            @Param("loadTimeMs") double loadTimeMs);

    int markFailed(@Param("id") UUID id, @Param("reason") String reason, @Param("loadTimeMs") double loadTimeMs);

    /** Makes {@code id} the model's only active deployment; the others stay as they are, but inactive. */
    int deactivateOthers(@Param("modelId") int modelId, @Param("id") UUID id);

    int activate(UUID id);

    int retire(UUID id);
}
