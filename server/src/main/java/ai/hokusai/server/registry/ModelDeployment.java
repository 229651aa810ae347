package ai.hokusai.server.registry;

import ai.hokusai.server.persistence.DeploymentRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One deployed version of a model: the artifact, the runtime that reads it, whether it is live ({@code status}) and
 * how far loading it got ({@code loadStatus}), with what was loaded once it is ready.
 *
 * @param files the loaded files with their checksums; null before the deployment was loaded
 */
public record ModelDeployment(
        UUID id,
        int modelId,
        String version,
        String artifactProvider,
        String artifactLocation,
        String runtime,
        String status,
        String loadStatus,
        String failureReason,
        String revision,
        List<DeploymentFile> files,
        Double loadTimeMs,
        OffsetDateTime loadedAt,
        OffsetDateTime createdAt) {

    private static final TypeReference<List<DeploymentFile>> FILES = new TypeReference<>() {};

    /** One loaded file: its path inside the artifact, its size and its SHA-256. */
    public record DeploymentFile(String name, long size, String sha256) {}

    public boolean active() {
        return DeploymentRecord.ACTIVE.equals(status);
    }

    public boolean ready() {
        return DeploymentRecord.READY.equals(loadStatus);
    }

    static ModelDeployment of(DeploymentRecord row) {
        List<DeploymentFile> files =
                row.filesJson() == null ? null : JsonMapper.shared().readValue(row.filesJson(), FILES);
        return new ModelDeployment(
                row.id(),
                row.modelId(),
                row.version(),
                row.artifactProvider(),
                row.artifactLocation(),
                row.runtime(),
                row.status(),
                row.loadStatus(),
                row.failureReason(),
                row.revision(),
                files,
                row.loadTimeMs(),
                row.loadedAt(),
                row.createdAt());
    }
}
