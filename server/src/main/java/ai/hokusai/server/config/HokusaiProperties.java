package ai.hokusai.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings ({@code hokusai.*}); each is documented on the docs page "Configuration"
 * ({@code docs/src/site/configuration.md}).
 *
 * @param dataDir          where the embedded PostgreSQL, unpacked artifacts and the generated key-hash secret live
 * @param bootstrapApiKey  when set, an admin key with exactly this secret is ensured at start-up
 * @param keyHashSecret    the server-side secret API keys are hashed with; required with an external database
 * @param maxRequestBytes  request bodies larger than this are refused with 413
 * @param registryCacheTtl how long a resolved model reference is reused before the registry is read again
 * @param apiKeyCacheTtl   how long an authenticated key is reused before the database is read again
 */
@ConfigurationProperties(prefix = "hokusai")
public record HokusaiProperties(
        Path dataDir,
        String bootstrapApiKey,
        String keyHashSecret,
        long maxRequestBytes,
        Duration registryCacheTtl,
        Duration apiKeyCacheTtl) {}
