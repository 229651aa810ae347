package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/** The model already has a deployment with the version. */
public class VersionTakenException extends DomainException {

    public VersionTakenException(int modelId, String version) {
        super(
                ErrorCode.VERSION_TAKEN,
                "Model " + modelId + " already has a deployment with version '" + version + "'.",
                List.of(new FieldViolation("/version", "is taken by another deployment of model " + modelId)),
                null,
                null);
    }
}
