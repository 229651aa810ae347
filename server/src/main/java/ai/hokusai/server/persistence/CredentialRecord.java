package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code account_credentials}: one account's secret for one artifact store, as AES-GCM {@code ciphertext}
 * (with its tag) and the {@code nonce} it was encrypted with. Never the secret itself.
 */
public record CredentialRecord(
        UUID accountId, String provider, byte[] ciphertext, byte[] nonce, OffsetDateTime updatedAt) {

    public static final String HUGGINGFACE = "huggingface";
}
