package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.UUID;

/** The deployment's state does not allow the change: activating one that is not ready, retiring the active one. */
public class DeploymentStateException extends DomainException {

    private DeploymentStateException(ErrorCode code, String message) {
        super(code, message);
    }

    static DeploymentStateException notReady(UUID id, String loadStatus) {
        return new DeploymentStateException(
                ErrorCode.DEPLOYMENT_NOT_READY,
                "Deployment " + id + " is " + loadStatus + ", not ready; only a ready deployment can be activated.");
    }

    static DeploymentStateException active(UUID id) {
        return new DeploymentStateException(
                ErrorCode.DEPLOYMENT_ACTIVE,
                "Deployment " + id + " is its model's active deployment; activate another one before retiring it.");
    }
}
