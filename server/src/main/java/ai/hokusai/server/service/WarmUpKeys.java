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
 * the longest warm-up, and its secret never leaves the process.
 *
 * <p>A key is deleted only when no record of its calls can still arrive, since the metering writer could not insert a
 * record whose key is gone: after a warm-up whose calls were all answered, and with no record of it waiting in the
 * metering writer. Otherwise (a call went unanswered, or a refused call's record still waits) the key is revoked and
 * kept, and the calls of expired warm-up keys are deleted at the next start.
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
    private final InferenceMeter meter;
    private final Clock clock;

    public WarmUpKeys(ApiKeyService keys, RateLimiter limiter, InferenceLogMapper logs, InferenceMeter meter,
            Clock clock) {
        this.keys = keys;
        this.limiter = limiter;
        this.logs = logs;
        this.meter = meter;
        this.clock = clock;
    }

    /**
     * A key for a warm-up of at most {@code longest}; first deletes the calls of the expired keys earlier warm-ups
     * kept.
     */
    public ApiKeyService.IssuedKey issue(Duration longest) {
        for (UUID kept : keys.expiredNamed(NAME)) {
            int calls = logs.deleteByKey(kept);
            if (calls > 0) {
                log.info("Deleted the calls of an earlier start-up warm-up's key: {}", calls);
            }
        }
        return keys.issueUnaudited(new ApiKeyService.KeyRequest(NAME,
                List.of(ApiKeyService.SCOPE_PREDICT, ApiKeyService.SCOPE_MODELS_READ), false, null, CALLS_PER_HOUR,
                OffsetDateTime.now(clock).plus(longest).plus(GRACE)));
    }

    /**
     * Deletes the key's bucket, its calls and the key, or, when a record of its calls may still arrive, revokes it.
     *
     * @param allAnswered whether every call made with the key has had its answer (then an answered predict's record
     *                    is committed, and a refused one's is waiting in the metering writer)
     * @return whether the key was deleted
     */
    public boolean discard(UUID keyId, boolean allAnswered) {
        keys.revokeUnaudited(keyId);
        limiter.forget(keyId);
        if (!allAnswered || meter.hasUnwritten(keyId)) {
            return false;
        }
        logs.deleteByKey(keyId);
        keys.delete(keyId);
        return true;
    }
}
