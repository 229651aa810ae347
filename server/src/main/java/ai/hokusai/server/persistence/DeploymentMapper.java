package ai.hokusai.server.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface DeploymentMapper {

    Optional<DeploymentRecord> findById(UUID id);

    Optional<DeploymentRecord> findActiveByModelId(int modelId);

    /** Newest first. */
    List<DeploymentRecord> listByModelId(int modelId);

    /** Inserts the deployment unless one with its id exists; returns the rows inserted. */
    int insertIfAbsent(DeploymentRecord deployment);
}
