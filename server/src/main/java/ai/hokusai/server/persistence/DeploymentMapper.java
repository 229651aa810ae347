package ai.hokusai.server.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface DeploymentMapper {

    Optional<DeploymentRecord> findById(UUID id);

    Optional<DeploymentRecord> findActiveByModelId(int modelId);

    /** The active deployments of several models in one query (a page of models). */
    List<DeploymentRecord> findActiveByModelIds(@Param("modelIds") List<Integer> modelIds);

    /** Newest first. */
    List<DeploymentRecord> listByModelId(int modelId);

    /** Inserts the deployment unless one with its id exists; returns the rows inserted. */
    int insertIfAbsent(DeploymentRecord deployment);
}
