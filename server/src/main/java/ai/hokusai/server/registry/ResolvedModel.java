package ai.hokusai.server.registry;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.server.runtime.ModelUnavailableException;
import java.time.Duration;
import java.util.Optional;

/** A model reference resolved to the model and the deployment that serves it (if any is active). */
public record ResolvedModel(RegisteredModel model, Optional<ModelDeployment> activeDeployment) {

    /** The live deployment, or {@link ModelUnavailableException} when none is active. */
    public ModelDeployment requireActiveDeployment() {
        return activeDeployment.orElseThrow(
                () -> new ModelUnavailableException("Model " + model.id() + " has no active deployment."));
    }

    /** What the runtime loads to serve this model: its live deployment's artifact, kept for the model's cache TTL. */
    public LoadedModelCache.Artifact liveArtifact() {
        return artifactOf(model, requireActiveDeployment());
    }

    /**
     * The live deployment's model, loaded by {@code models} if it is not in memory.
     *
     * @throws ModelUnavailableException when none is active, or it cannot be loaded now (the cache logs why; the
     *     caller is not told)
     */
    public LoadedModelCache.Entry loadLive(LoadedModelCache models) {
        LoadedModelCache.Artifact artifact = liveArtifact();
        try {
            return models.get(artifact);
        } catch (ArtifactLoadException e) {
            throw new ModelUnavailableException("Model " + model.id() + " cannot be loaded right now.", e);
        }
    }

    /** What the runtime loads to serve {@code deployment} of {@code model}. */
    public static LoadedModelCache.Artifact artifactOf(RegisteredModel model, ModelDeployment deployment) {
        return new LoadedModelCache.Artifact(
                model.id(),
                model.ownerAccountId(),
                deployment.id(),
                deployment.runtime(),
                deployment.artifactProvider(),
                deployment.artifactLocation(),
                Duration.ofSeconds(model.cacheTtlSeconds()));
    }
}
