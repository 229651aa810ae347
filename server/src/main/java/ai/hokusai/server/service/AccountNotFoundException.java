package ai.hokusai.server.service;

import java.util.UUID;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** No account has the id. */
public class AccountNotFoundException extends DomainException {

    public AccountNotFoundException(UUID id) {
        super(ErrorCode.ACCOUNT_NOT_FOUND, "No account has the id " + id + ".");
    }
}
