package ai.hokusai.server.registry;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.UUID;

/** No deployment has a UUID. */
public class DeploymentNotFoundException extends DomainException {

    public DeploymentNotFoundException(UUID id) {
        super(ErrorCode.DEPLOYMENT_NOT_FOUND, "No deployment has the id " + id + ".");
    }
}
