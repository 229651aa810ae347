package ai.hokusai.server.security;

import ai.hokusai.server.config.HokusaiProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of API keys (HMAC-SHA256 with a server-side secret): a stolen {@code api_keys} table alone cannot be
 * used to check guesses. The secret comes from {@code HOKUSAI_KEY_HASH_SECRET}; the embedded default generates one
 * and keeps it in its data directory. With an external database the secret is required, so every instance shares it.
 */
@Component
public class ApiKeyHasher {

    static final String SECRET_FILE = "key-hash.secret";

    private final SecretKeySpec secret;
    /**
     * Initialised Macs, reused: a provider lookup and key set-up per check costs more than the hash. A pool rather
     * than one per thread, since every request runs on a virtual thread of its own.
     */
    private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();

    public ApiKeyHasher(HokusaiProperties properties, Environment environment) {
        String configured = properties.keyHashSecret();
        if (configured == null || configured.isBlank()) {
            if (!environment.getProperty("spring.datasource.url", "").isBlank()) {
                throw new IllegalStateException(
                        "HOKUSAI_KEY_HASH_SECRET must be set when HOKUSAI_DB_URL names an external database");
            }
            configured = DataDirSecret.readOrCreate(properties.dataDir().resolve(SECRET_FILE), "key-hash secret");
        }
        this.secret = new SecretKeySpec(configured.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] hash(String apiKey) {
        Mac mac = macs.poll();
        if (mac == null) {
            mac = newMac();
        }
        // doFinal resets the Mac to its key, ready for the next caller.
        byte[] hash = mac.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
        macs.offer(mac);
        return hash;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time comparison, so response timing tells nothing about how much of a guess was right. */
    public boolean matches(String apiKey, byte[] storedHash) {
        return MessageDigest.isEqual(hash(apiKey), storedHash);
    }
}
