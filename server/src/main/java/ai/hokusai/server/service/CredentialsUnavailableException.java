package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** The server has no secrets key, so it cannot store a credential (it would have to keep it in clear). */
public class CredentialsUnavailableException extends DomainException {

    public CredentialsUnavailableException() {
        super(
                ErrorCode.CREDENTIALS_UNAVAILABLE,
                "This server cannot store credentials: its operator has configured "
                        + "no secrets key (HOKUSAI_SECRETS_KEY or HOKUSAI_SECRETS_KEY_FILE).");
    }
}
