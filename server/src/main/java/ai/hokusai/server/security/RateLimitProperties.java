package ai.hokusai.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the per-key rate limiter ({@code hokusai.rate-limit.*}).
 *
 * <p>Each instance may admit a few requests from its local copy of a key's bucket before they are written to the
 * shared PostgreSQL store: at most T = {@code min(maxUnsynchronizedTokens, floor(smallest quota ×
 * maxUnsynchronizedFraction))}. T is the bound on overshoot: N instances together admit at most N × T requests over
 * a key's limit (with the defaults, 1 % of the smallest quota per instance, at most 1,000). T is 0 — every request is
 * checked against the store — for quotas under {@code 1 / maxUnsynchronizedFraction}.
 *
 * @param enabled      false turns rate limiting off (benchmarks only)
 * @param syncInterval how often locally decided requests are written to the store in the background
 * @param bucketTtl    idle buckets are removed from the store after this, counted from when they are full
 *                     again; they come back full
 * @param cleanupInterval how often each instance deletes the buckets idle past {@code bucketTtl}
 */
@ConfigurationProperties(prefix = "hokusai.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.01") double maxUnsynchronizedFraction,
        @DefaultValue("1000") long maxUnsynchronizedTokens,
        @DefaultValue("250ms") Duration syncInterval,
        @DefaultValue("2h") Duration bucketTtl,
        @DefaultValue("10m") Duration cleanupInterval) {}
