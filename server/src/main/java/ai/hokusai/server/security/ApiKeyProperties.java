package ai.hokusai.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of key checking ({@code hokusai.api-keys.*}).
 *
 * @param revocationPollInterval how often every instance asks the database for newly revoked keys; the bound on how
 *                               long another instance may still accept a revoked key from its cache
 * @param lastUsedFlushInterval  how often {@code last_used_at} is written (off the request path)
 * @param defaultRateLimitPerHour the hourly limit of a key issued without one
 */
@ConfigurationProperties(prefix = "hokusai.api-keys")
public record ApiKeyProperties(
        @DefaultValue("1s") Duration revocationPollInterval,
        @DefaultValue("30s") Duration lastUsedFlushInterval,
        @DefaultValue("1000") int defaultRateLimitPerHour) {}
