package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** The model exists for the caller but embeds no text: to the OpenAI-compatible routes it does not exist. */
public class NotAnEmbeddingModelException extends DomainException {

    public NotAnEmbeddingModelException(String ref) {
        super(ErrorCode.MODEL_NOT_FOUND, "No embedding model answers to '" + ref + "'.");
    }
}
