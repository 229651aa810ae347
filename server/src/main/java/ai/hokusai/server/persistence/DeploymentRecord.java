package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code deployments}. */
public record DeploymentRecord(
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
}
