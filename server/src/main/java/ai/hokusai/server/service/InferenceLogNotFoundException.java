package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.UUID;

/** No predict call has this {@code inference_log_id}. */
public class InferenceLogNotFoundException extends DomainException {

    public InferenceLogNotFoundException(UUID id) {
        super(ErrorCode.INFERENCE_LOG_NOT_FOUND, "No prediction has the inference_log_id " + id + ".");
    }
}
