package ai.hokusai.server.service;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.HubTokens;
import ai.hokusai.server.persistence.CredentialMapper;
import ai.hokusai.server.persistence.CredentialRecord;
import ai.hokusai.server.security.OperatorAccount;
import ai.hokusai.server.security.SecretsCipher;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Each account's Hub access is its own stored token. The server-wide token ({@code HF_TOKEN}) is the operator's: it
 * serves the operator account's models when that account stored none, and never another account's.
 */
@Service
public class AccountHubTokens implements HubTokens {

    private final CredentialMapper credentials;
    private final SecretsCipher cipher;
    private final String operatorToken;

    public AccountHubTokens(
            CredentialMapper credentials,
            SecretsCipher cipher,
            @Value("${hokusai.huggingface.token:${HF_TOKEN:}}") String operatorToken) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.operatorToken = operatorToken == null ? "" : operatorToken.strip();
    }

    @Override
    public Optional<String> tokenFor(UUID accountId) {
        Optional<CredentialRecord> stored = credentials.find(accountId, CredentialRecord.HUGGINGFACE);
        if (stored.isPresent()) {
            return Optional.of(decrypt(accountId, stored.get()));
        }
        return OperatorAccount.ID.equals(accountId) && !operatorToken.isEmpty()
                ? Optional.of(operatorToken)
                : Optional.empty();
    }

    private String decrypt(UUID accountId, CredentialRecord stored) {
        if (!cipher.available()) {
            throw new ArtifactLoadException("the model's account has a Hugging Face token stored, but this server has "
                    + "no secrets key (HOKUSAI_SECRETS_KEY) to read it");
        }
        try {
            return cipher.decrypt(accountId, new SecretsCipher.Sealed(stored.ciphertext(), stored.nonce()));
        } catch (IllegalStateException e) {
            throw new ArtifactLoadException("the Hugging Face token stored for the model's account does not decrypt "
                    + "with this server's secrets key (HOKUSAI_SECRETS_KEY); store the token again");
        }
    }
}
