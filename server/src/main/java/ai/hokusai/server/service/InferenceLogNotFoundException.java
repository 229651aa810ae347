package ai.hokusai.server.service;

import java.util.UUID;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** No predict call has this {@code inference_log_id}. */
public class InferenceLogNotFoundException extends DomainException {

    public InferenceLogNotFoundException(UUID id) {
        super(ErrorCode.INFERENCE_LOG_NOT_FOUND, "No prediction has the inference_log_id " + id + ".");
    }
}
