package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code deployments}. {@code status} says whether it serves ({@code active}/{@code inactive});
 * {@code loadStatus} how far loading got ({@code pending}, {@code loading}, {@code ready}, {@code failed});
 * {@code filesJson} the loaded files with their checksums, as JSON text.
 */
public record DeploymentRecord(
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
        String filesJson,
        Double loadTimeMs,
        OffsetDateTime loadedAt,
        OffsetDateTime retiredAt,
        OffsetDateTime createdAt) {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final String PENDING = "pending";
    public static final String LOADING = "loading";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    /** A deployment that is ready to serve as it is inserted (a row written before loads were tracked). */
    public DeploymentRecord(
            UUID id,
            int modelId,
            String version,
            String artifactProvider,
            String artifactLocation,
            String runtime,
            String status,
            OffsetDateTime createdAt) {
        this(
                id,
                modelId,
                version,
                artifactProvider,
                artifactLocation,
                runtime,
                status,
                READY,
                null,
                null,
                null,
                null,
                null,
                null,
                createdAt);
    }

    /** A new deployment, waiting to load. */
    public static DeploymentRecord pending(
            UUID id, int modelId, String version, String artifactProvider, String artifactLocation, String runtime) {
        return new DeploymentRecord(
                id,
                modelId,
                version,
                artifactProvider,
                artifactLocation,
                runtime,
                INACTIVE,
                PENDING,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
