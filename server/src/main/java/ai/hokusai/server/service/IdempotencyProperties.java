package ai.hokusai.server.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code Idempotency-Key} handling ({@code hokusai.idempotency.*}).
 *
 * @param retention      how long a stored answer is replayed
 * @param waitInProgress how long a request waits for a concurrent one with the same key before answering 409
 * @param abandonAfter   a claim still running after this is taken to belong to a stopped instance and is taken over
 */
@ConfigurationProperties(prefix = "hokusai.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5s") Duration waitInProgress,
        @DefaultValue("5m") Duration abandonAfter) {}
