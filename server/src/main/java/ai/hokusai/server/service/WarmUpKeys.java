package ai.hokusai.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The key the start-up warm-up calls the API with, and the removal of everything its calls left: their inference
 * logs, the key's rate-limit bucket and the key itself. The key can predict and read models, expires shortly after
 * the longest warm-up, and its secret never leaves the process. A key left behind by a warm-up that was killed is
 * removed, with its calls, by the next start once it has expired.
 */
@Service
public class WarmUpKeys {

    private static final Logger log = LoggerFactory.getLogger(WarmUpKeys.class);
    static final String NAME = "start-up warm-up";
    /** Its hourly limit: the warm-up is never refused by its own limiter. */
    private static final int CALLS_PER_HOUR = 1_000_000_000;
    /** How long a key outlives the longest warm-up, so one left by a killed process soon stops working. */
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final ApiKeyService keys;
    private final RateLimiter limiter;
    private final InferenceLogMapper logs;
    private final Clock clock;

    public WarmUpKeys(ApiKeyService keys, RateLimiter limiter, InferenceLogMapper logs, Clock clock) {
        this.keys = keys;
        this.limiter = limiter;
        this.logs = logs;
        this.clock = clock;
    }

    /** A key for a warm-up of at most {@code longest}; first removes the expired keys of earlier warm-ups. */
    public ApiKeyService.IssuedKey issue(Duration longest) {
        for (UUID leftover : keys.expiredNamed(NAME)) {
            log.info("Removing the key of an earlier start-up warm-up that did not end");
            discard(leftover);
        }
        return keys.issue(new ApiKeyService.KeyRequest(NAME,
                List.of(ApiKeyService.SCOPE_PREDICT, ApiKeyService.SCOPE_MODELS_READ), false, null, CALLS_PER_HOUR,
                OffsetDateTime.now(clock).plus(longest).plus(GRACE)));
    }

    /**
     * Deletes the key's calls, its bucket and the key. Run it once the warm-up's calls have been answered: an
     * answered call's log is committed by then.
     *
     * @return the calls deleted
     */
    public int discard(UUID keyId) {
        limiter.forget(keyId);
        int calls = logs.deleteByKey(keyId);
        keys.delete(keyId);
        return calls;
    }
}
