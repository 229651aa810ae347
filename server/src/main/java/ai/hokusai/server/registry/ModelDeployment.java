package ai.hokusai.server.registry;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.hokusai.server.persistence.DeploymentRecord;

/** One deployed version of a model: the artifact, the runtime that reads it, and whether it is live. */
public record ModelDeployment(
        UUID id,
        int modelId,
        String version,
        String artifactProvider,
        String artifactLocation,
        String runtime,
        String status,
        OffsetDateTime createdAt) {

    public boolean active() {
        return "active".equals(status);
    }

    static ModelDeployment of(DeploymentRecord row) {
        return new ModelDeployment(row.id(), row.modelId(), row.version(), row.artifactProvider(),
                row.artifactLocation(), row.runtime(), row.status(), row.createdAt());
    }
}
