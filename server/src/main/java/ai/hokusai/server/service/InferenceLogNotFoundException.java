package ai.hokusai.server.service;

import java.util.UUID;

/** No predict call has this {@code inference_log_id}. */
public class InferenceLogNotFoundException extends RuntimeException {

    public InferenceLogNotFoundException(UUID id) {
        super("No prediction has the inference_log_id " + id + ".");
    }
}
