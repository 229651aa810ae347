package ai.hokusai.server.security;

import ai.hokusai.server.config.HokusaiProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets accounts store (their Hugging Face tokens) with AES-256-GCM under the server's secrets key:
 * a fresh 12-byte random nonce per encryption, and the owning account's id as associated data, so a ciphertext copied
 * to another account's row does not decrypt. The key is {@code HOKUSAI_SECRETS_KEY} (or the content of
 * {@code HOKUSAI_SECRETS_KEY_FILE}): the base64 of 32 random bytes, the same on every instance. The embedded default
 * generates one into its data directory; with an external database and no key configured, no secret can be stored
 * or read ({@link #available()} is false) and the rest of the server runs as usual.
 */
@Component
public class SecretsCipher {

    static final String KEY_FILE = "secrets.key";
    private static final Logger log = LoggerFactory.getLogger(SecretsCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A secret as stored: the ciphertext with its authentication tag, and the nonce it was encrypted with. */
    public record Sealed(byte[] ciphertext, byte[] nonce) {}

    /** Null when no key is configured. */
    private final SecretKeySpec key;

    private final SecureRandom random = new SecureRandom();

    @Autowired
    public SecretsCipher(HokusaiProperties properties, Environment environment) {
        this(keyOf(properties, environment));
    }

    /** @param key 32 bytes, or null for none */
    SecretsCipher(byte[] key) {
        if (key != null && key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
    }

    private static byte[] keyOf(HokusaiProperties properties, Environment environment) {
        String configured = environment.getProperty("hokusai.secrets-key", "").strip();
        if (configured.isEmpty()) {
            if (!environment.getProperty("spring.datasource.url", "").isBlank()) {
                log.info("No secrets key (HOKUSAI_SECRETS_KEY or HOKUSAI_SECRETS_KEY_FILE): accounts cannot store "
                        + "Hugging Face tokens on this server");
                return null;
            }
            configured = DataDirSecret.readOrCreate(properties.dataDir().resolve(KEY_FILE), "secrets key");
        }
        return decode(configured);
    }

    /** Standard or URL-safe base64, padded or not; never echoes the value it was given. */
    static byte[] decode(String base64) {
        byte[] key;
        try {
            key = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(base64)
                    : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalStateException("HOKUSAI_SECRETS_KEY must be the base64 of 32 random bytes "
                    + "(e.g. the output of: openssl rand -base64 32)");
        }
        return key;
    }

    /** Whether a secrets key is configured, so secrets can be stored and read. */
    public boolean available() {
        return key != null;
    }

    /**
     * @throws IllegalStateException when no key is configured ({@link #available()})
     */
    public Sealed encrypt(UUID accountId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, accountId, nonce);
            return new Sealed(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws IllegalStateException when no key is configured, or the secret does not decrypt: changed, stored for
     *     another account, or encrypted under another key. The message names no part of the secret.
     */
    public String decrypt(UUID accountId, Sealed sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, accountId, sealed.nonce());
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Without the cause: nothing of the failure is worth a secret's fragment in a log.
            throw new IllegalStateException(
                    "a stored secret does not decrypt with this server's secrets key for " + "its account");
        }
    }

    private Cipher cipher(int mode, UUID accountId, byte[] nonce) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException("no secrets key is configured (HOKUSAI_SECRETS_KEY)");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
