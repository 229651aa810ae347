package ai.hokusai.server.registry;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** No model answers to a reference. */
public class ModelNotFoundException extends DomainException {

    public ModelNotFoundException(String ref) {
        super(ErrorCode.MODEL_NOT_FOUND, "No model answers to '" + ref + "'.");
    }
}
