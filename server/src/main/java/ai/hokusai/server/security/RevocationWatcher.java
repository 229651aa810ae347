package ai.hokusai.server.security;

import ai.hokusai.server.persistence.ApiKeyMapper;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes a revoke on one instance take effect on every instance: each instance asks the shared database, every
 * {@code hokusai.api-keys.revocation-poll-interval}, which keys were revoked since it last asked, and evicts them from
 * its authentication cache. One indexed query per interval per instance, none on the request path.
 *
 * <p>If the database cannot be reached no key can be revoked either; cached keys then still expire after
 * {@code hokusai.api-key-cache-ttl}.
 */
@Component
public class RevocationWatcher {

    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    /** Re-read a little history each time, so a revoke committed just after a poll's clock read is never missed. */
    private static final java.time.Duration OVERLAP = java.time.Duration.ofSeconds(5);

    private final ApiKeyMapper keys;
    private final ApiKeyService service;
    private OffsetDateTime checkedUpTo;

    public RevocationWatcher(ApiKeyMapper keys, ApiKeyService service) {
        this.keys = keys;
        this.service = service;
    }

    @Scheduled(fixedDelayString = "${hokusai.api-keys.revocation-poll-interval:1s}")
    public void poll() {
        try {
            OffsetDateTime now = keys.databaseNow();
            // The first poll evicts everything revoked recently: this instance's cache was filled before it ran.
            OffsetDateTime since = (checkedUpTo == null ? now : checkedUpTo).minus(OVERLAP);
            keys.revokedSince(since).forEach(r -> service.evict(r.id()));
            checkedUpTo = now;
        } catch (RuntimeException e) {
            log.warn("Could not check for revoked API keys: {}", e.getMessage());
        }
    }
}
