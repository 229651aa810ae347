package ai.hokusai.server.service;

import ai.hokusai.server.persistence.CredentialMapper;
import ai.hokusai.server.persistence.CredentialRecord;
import ai.hokusai.server.security.AuditTrail;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.security.SecretsCipher;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's account's credentials for artifact stores: its Hugging Face token, stored encrypted
 * ({@link SecretsCipher}) and never returned. Each change writes one audit event, which names no secret.
 */
@Service
public class CredentialService {

    private static final String OBJECT_TYPE = "credential";

    private final CredentialMapper credentials;
    private final SecretsCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;

    public CredentialService(CredentialMapper credentials, SecretsCipher cipher, AuditTrail audit, Clock clock) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the token the caller's account's {@code hf://} deployments are fetched with, replacing any earlier one.
     *
     * @return when it was stored
     * @throws CredentialsUnavailableException when the server has no secrets key
     */
    @Transactional
    public OffsetDateTime setHuggingFaceToken(Caller caller, String token) {
        Objects.requireNonNull(token, "token");
        if (!cipher.available()) {
            throw new CredentialsUnavailableException();
        }
        UUID account = caller.accountId();
        SecretsCipher.Sealed sealed = cipher.encrypt(account, token);
        // As PostgreSQL keeps it, so the answer and a later read agree.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        credentials.upsert(
                new CredentialRecord(account, CredentialRecord.HUGGINGFACE, sealed.ciphertext(), sealed.nonce(), now));
        audit.record(caller, account, "credential.set", OBJECT_TYPE, CredentialRecord.HUGGINGFACE, Map.of());
        return now;
    }

    /** Removes the caller's account's token; removing one that is not there changes nothing and records nothing. */
    @Transactional
    public void deleteHuggingFaceToken(Caller caller) {
        UUID account = caller.accountId();
        if (credentials.delete(account, CredentialRecord.HUGGINGFACE) > 0) {
            audit.record(caller, account, "credential.delete", OBJECT_TYPE, CredentialRecord.HUGGINGFACE, Map.of());
        }
    }
}
