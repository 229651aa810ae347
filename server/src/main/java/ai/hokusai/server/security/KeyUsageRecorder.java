package ai.hokusai.server.security;

import ai.hokusai.server.persistence.ApiKeyMapper;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code api_keys.last_used_at} roughly current without a write per request: uses are collected in memory
 * and written in one statement every {@code hokusai.api-keys.last-used-flush-interval}.
 */
@Component
public class KeyUsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(KeyUsageRecorder.class);

    private final ApiKeyMapper keys;
    private final Set<UUID> used = ConcurrentHashMap.newKeySet();

    public KeyUsageRecorder(ApiKeyMapper keys) {
        this.keys = keys;
    }

    void used(UUID keyId) {
        used.add(keyId);
    }

    @Scheduled(fixedDelayString = "${hokusai.api-keys.last-used-flush-interval:30s}")
    @PreDestroy
    public void flush() {
        if (used.isEmpty()) {
            return;
        }
        List<UUID> batch = new ArrayList<>(used);
        try {
            keys.touchLastUsed(batch);
            batch.forEach(used::remove);
        } catch (RuntimeException e) {
            // Not worth retrying harder: the next flush writes the same keys again.
            log.warn("Could not record when {} API keys were last used: {}", batch.size(), e.getMessage());
        }
    }
}
