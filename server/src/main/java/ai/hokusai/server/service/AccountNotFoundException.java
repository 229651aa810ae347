package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.UUID;

/** No account has the id. */
public class AccountNotFoundException extends DomainException {

    public AccountNotFoundException(UUID id) {
        super(ErrorCode.ACCOUNT_NOT_FOUND, "No account has the id " + id + ".");
    }
}
