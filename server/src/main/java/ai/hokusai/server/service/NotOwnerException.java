package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** The object belongs to another API key or account. */
public class NotOwnerException extends DomainException {

    public NotOwnerException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
