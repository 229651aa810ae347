package ai.hokusai.contract.gates;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secrets key for a test server ({@code HOKUSAI_SECRETS_KEY}): the base64 of 32 random bytes, as an operator makes
 * one. With it the server can store an account's Hugging Face token, which the spec's and the docs' examples do.
 */
public final class SecretsKeys {

    public static final String VARIABLE = "HOKUSAI_SECRETS_KEY";

    private SecretsKeys() {}

    public static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
