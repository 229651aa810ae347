package ai.hokusai.server.registry;

import java.util.UUID;

/** No deployment has a UUID. */
public class DeploymentNotFoundException extends RuntimeException {

    public DeploymentNotFoundException(UUID id) {
        super("No deployment has the id " + id + ".");
    }
}
