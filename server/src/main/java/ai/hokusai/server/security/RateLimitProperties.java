package ai.hokusai.server.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the per-key rate limiter ({@code hokusai.rate-limit.*}).
 *
 * <p>Each instance may admit a few requests from its local copy of a key's bucket before it writes them to the
 * shared PostgreSQL store: at most {@code min(maxUnsynchronizedTokens, floor(smallest quota × maxUnsynchronizedFraction))}
 * requests, and never for longer than {@code maxUnsynchronizedTime}. That number is the bound on how far N instances
 * together can overshoot a limit: N × it. It is 0 — every request is checked against the store — for quotas below
 * {@code 1 / maxUnsynchronizedFraction}.
 *
 * @param enabled                   false turns rate limiting off (benchmarks only)
 * @param bucketTtl                 idle buckets are removed from the store after this; they come back full
 */
@ConfigurationProperties(prefix = "hokusai.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.01") double maxUnsynchronizedFraction,
        @DefaultValue("50") long maxUnsynchronizedTokens,
        @DefaultValue("1s") Duration maxUnsynchronizedTime,
        @DefaultValue("2h") Duration bucketTtl) {
}
