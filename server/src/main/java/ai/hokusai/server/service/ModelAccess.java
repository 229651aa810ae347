package ai.hokusai.server.service;

import ai.hokusai.server.registry.DeploymentNotFoundException;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelNotFoundException;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.Caller;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one wall between accounts on the registry: another account's private model, or a deployment of it, does not
 * exist for the caller (the same exception as an unknown reference, so the same answer); another account's public
 * model may be read and called but not changed. Resolution stays the registry's cached one: no query is added.
 */
@Component
public class ModelAccess {

    private final ModelRegistry registry;

    public ModelAccess(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * @throws ModelNotFoundException when no model the caller may see answers to {@code ref}
     */
    public ResolvedModel readable(Caller caller, String ref) {
        ResolvedModel resolved = registry.resolve(ref);
        if (!visible(caller, resolved.model())) {
            throw new ModelNotFoundException(ref);
        }
        return resolved;
    }

    /**
     * @throws ModelNotFoundException when no model the caller may see answers to {@code ref}
     * @throws NotOwnerException      when the model is another account's public model
     */
    public ResolvedModel writable(Caller caller, String ref) {
        ResolvedModel resolved = readable(caller, ref);
        requireOwner(caller, resolved.model());
        return resolved;
    }

    /**
     * @throws DeploymentNotFoundException when no deployment of a model the caller may see has the id
     */
    public ModelDeployment readableDeployment(Caller caller, UUID id) {
        ModelDeployment deployment = registry.deployment(id);
        RegisteredModel model =
                registry.resolve(String.valueOf(deployment.modelId())).model();
        if (!visible(caller, model)) {
            throw new DeploymentNotFoundException(id);
        }
        return deployment;
    }

    /**
     * @throws DeploymentNotFoundException when no deployment of a model the caller may see has the id
     * @throws NotOwnerException           when it is a deployment of another account's public model
     */
    public ModelDeployment writableDeployment(Caller caller, UUID id) {
        ModelDeployment deployment = readableDeployment(caller, id);
        requireOwner(
                caller, registry.resolve(String.valueOf(deployment.modelId())).model());
        return deployment;
    }

    public static boolean visible(Caller caller, RegisteredModel model) {
        return caller.canSee(model.ownerAccountId(), model.isPublic());
    }

    private static void requireOwner(Caller caller, RegisteredModel model) {
        if (!caller.owns(model.ownerAccountId())) {
            throw new NotOwnerException("Model " + model.id() + " belongs to another account: it can be read and "
                    + "called, not changed.");
        }
    }
}
