package ai.hokusai.server.registry;

import ai.hokusai.server.persistence.RegistryGenerationMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes a registry change on one instance — a model registered or changed, a deployment activated, retired or
 * ready — take effect on every instance: each asks the shared database, every
 * {@code hokusai.registry-poll-interval}, for the registry's generation (one row), and when it moved reloads what it
 * has cached ({@link ModelRegistry#refreshAll()}). Nothing on the request path reads the database for it.
 *
 * <p>It runs on its own thread: loading a newly active deployment ahead of serving it may take a while and must not
 * hold up the other background jobs.
 */
@Component
public class RegistryWatcher {

    private static final Logger log = LoggerFactory.getLogger(RegistryWatcher.class);

    private final RegistryGenerationMapper generations;
    private final ModelRegistry registry;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-watcher");
        t.setDaemon(true);
        return t;
    });
    private Long seen;
    private boolean failing;

    public RegistryWatcher(
            RegistryGenerationMapper generations,
            ModelRegistry registry,
            @Value("${hokusai.registry-poll-interval:250ms}") Duration interval) {
        this.generations = generations;
        this.registry = registry;
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        thread.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }

    /** One poll: refreshes the registry's caches when another change was committed since the last one. */
    void poll() {
        try {
            long current = generations.current();
            if (seen != null && current != seen) {
                registry.refreshAll();
            }
            seen = current;
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not check the registry for changes: {}", e.getMessage());
            }
            failing = true;
        }
    }
}
