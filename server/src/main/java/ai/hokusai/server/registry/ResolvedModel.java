package ai.hokusai.server.registry;

import java.util.Optional;

import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.ModelRecord;

/** A model reference resolved to the model and the deployment that serves it (if any is active). */
public record ResolvedModel(ModelRecord model, Optional<DeploymentRecord> activeDeployment) {

    /** The live deployment, or {@link ModelUnavailableException} when none is active. */
    public DeploymentRecord requireActiveDeployment() {
        return activeDeployment.orElseThrow(
                () -> new ModelUnavailableException("Model " + model.id() + " has no active deployment."));
    }
}
