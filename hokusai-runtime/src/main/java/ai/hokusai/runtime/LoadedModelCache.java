package ai.hokusai.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded models, one per deployment, kept in memory until they go unused for their model's
 * {@code cache_ttl_seconds}. A deployment is loaded once even when many requests ask for it at the same time.
 *
 * <p>The same TTL bounds how stale a moving artifact may get: the first request after it has passed since the
 * artifact was last checked asks, in the background, whether the revision moved (a Hugging Face branch such as
 * {@code main}); if it did, the new files are loaded and swapped in while requests keep being served by the loaded
 * copy, which is closed once no request can still hold it.
 */
public class LoadedModelCache implements AutoCloseable {

    /** An evicted model may still be serving a request that fetched it just before; close it a little later. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LoadedModelCache.class);

    /**
     * What to load: a model's deployment, its artifact, the runtime that reads it and how long to keep it.
     *
     * @param ownerAccountId the account the model belongs to, whose access (and only whose) fetches the artifact
     */
    public record Artifact(
            int modelId,
            UUID ownerAccountId,
            UUID deploymentId,
            String runtime,
            String provider,
            String location,
            Duration ttl) {}

    /**
     * A model in memory: when it was loaded, what it was loaded from, and how long fetching and loading it took.
     */
    public record Entry(
            LoadedModel model, Instant loadedAt, Duration ttl, ArtifactContents contents, double loadMillis) {}

    /** After a deployment failed to load, requests are refused at once for this long instead of each trying again. */
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(10);

    private final Map<String, ModelRuntime> runtimes;
    private final ArtifactResolver artifacts;
    private final Clock clock;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "model-closer");
        thread.setDaemon(true);
        return thread;
    });
    private final Cache<UUID, Entry> cache;
    /** When each loaded deployment's artifact was last checked for a new revision. */
    private final Map<UUID, Instant> checkedAt = new ConcurrentHashMap<>();

    private final Set<UUID> refreshing = ConcurrentHashMap.newKeySet();
    /** When each deployment last failed to load on the request path. */
    private final Map<UUID, Instant> failedAt = new ConcurrentHashMap<>();

    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "model-refresher");
        thread.setDaemon(true);
        return thread;
    });

    private final MeterRegistry metrics;

    public LoadedModelCache(
            List<ModelRuntime> runtimes, ArtifactResolver artifacts, Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.runtimes = runtimes.stream().collect(Collectors.toUnmodifiableMap(ModelRuntime::id, Function.identity()));
        this.artifacts = artifacts;
        this.cache = Caffeine.newBuilder()
                .expireAfter(new IdleExpiry())
                .removalListener((UUID id, Entry entry, RemovalCause cause) -> {
                    if (entry != null) {
                        log.info("Unloading deployment {} ({})", id, cause);
                        if (closer.isShutdown()) {
                            entry.model().close();
                        } else {
                            closer.schedule(entry.model()::close, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                })
                .build();
        Gauge.builder("hokusai.model.cache.loaded", cache, Cache::estimatedSize)
                .description("Deployments whose model is loaded in memory")
                .register(metrics);
    }

    /**
     * The loaded model of a deployment, loading it first if needed.
     *
     * @throws ArtifactLoadException when the artifact cannot be fetched or read (the reason is logged), or failed to
     *     less than ten seconds ago (then it is not tried again)
     */
    public Entry get(Artifact artifact) {
        Entry loaded = cache.getIfPresent(artifact.deploymentId());
        if (loaded != null) {
            refreshIfDue(artifact);
            return loaded;
        }
        Instant failed = failedAt.get(artifact.deploymentId());
        if (failed != null && clock.instant().isBefore(failed.plus(FAILURE_BACKOFF))) {
            throw new ArtifactLoadException("model " + artifact.modelId() + " failed to load less than "
                    + FAILURE_BACKOFF.toSeconds() + " s ago");
        }
        try {
            Entry entry = warm(artifact);
            failedAt.remove(artifact.deploymentId());
            return entry;
        } catch (ArtifactLoadException e) {
            failedAt.put(artifact.deploymentId(), clock.instant());
            log.error(
                    "Deployment {} of model {} failed to load: {}",
                    artifact.deploymentId(),
                    artifact.modelId(),
                    e.getMessage());
            throw e;
        }
    }

    /**
     * The loaded model of a deployment, loading it now if it is not in memory.
     *
     * @throws ArtifactLoadException when the artifact cannot be fetched, verified or read; its message says why, for
     *     people, and names no secret
     */
    public Entry warm(Artifact artifact) {
        return cache.get(artifact.deploymentId(), id -> load(artifact));
    }

    /** Unloads a deployment (once no request can still hold it). */
    public void evict(UUID deploymentId) {
        cache.invalidate(deploymentId);
        checkedAt.remove(deploymentId);
        failedAt.remove(deploymentId);
    }

    /** The ids of the installed runtimes, e.g. {@code lscor-logistic}. */
    public Set<String> installedRuntimes() {
        return runtimes.keySet();
    }

    /** The entry if the deployment is in memory now, without counting as a use. */
    public Optional<Entry> peek(UUID deploymentId) {
        return Optional.ofNullable(cache.policy().getIfPresentQuietly(deploymentId));
    }

    private void refreshIfDue(Artifact artifact) {
        Instant last = checkedAt.get(artifact.deploymentId());
        if (last == null
                || clock.instant().isBefore(last.plus(artifact.ttl()))
                || !refreshing.add(artifact.deploymentId())) {
            return;
        }
        refresher.execute(() -> {
            try {
                refresh(artifact);
            } finally {
                refreshing.remove(artifact.deploymentId());
            }
        });
    }

    private void refresh(Artifact artifact) {
        try {
            Optional<Path> moved =
                    artifacts.movedSince(artifact.ownerAccountId(), artifact.provider(), artifact.location());
            checkedAt.put(artifact.deploymentId(), clock.instant());
            if (moved.isPresent()) {
                long started = System.nanoTime();
                LoadedModel model = runtimes.get(artifact.runtime()).load(moved.get());
                ArtifactContents contents = artifacts.contents(moved.get());
                // The replaced entry is closed by the removal listener, after the grace period.
                cache.put(
                        artifact.deploymentId(),
                        new Entry(
                                model,
                                clock.instant(),
                                artifact.ttl(),
                                contents,
                                (System.nanoTime() - started) / 1_000_000.0));
                log.info(
                        "Deployment {} moved to {}: loaded in {} ms and swapped in",
                        artifact.deploymentId(),
                        moved.get().getFileName(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            checkedAt.put(artifact.deploymentId(), clock.instant());
            log.warn(
                    "Could not check deployment {} for a new revision; the loaded copy keeps serving: {}",
                    artifact.deploymentId(),
                    e.getMessage());
        }
    }

    /** Stops the background work and closes every loaded model. */
    @Override
    public void close() {
        refresher.shutdownNow();
        cache.asMap().values().forEach(entry -> entry.model().close());
        cache.asMap().clear();
        closer.shutdownNow();
    }

    private Entry load(Artifact artifact) {
        ModelRuntime runtime = runtimes.get(artifact.runtime());
        if (runtime == null) {
            throw new ArtifactLoadException("No runtime named '" + artifact.runtime() + "' is installed");
        }
        long started = System.nanoTime();
        Path directory = artifacts.localDirectory(artifact.ownerAccountId(), artifact.provider(), artifact.location());
        ArtifactContents contents = artifacts.contents(directory);
        LoadedModel model;
        try {
            model = runtime.load(directory);
        } catch (ArtifactLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArtifactLoadException(
                    "the " + artifact.runtime() + " runtime cannot read the artifact: " + e.getMessage(), e);
        }
        long took = System.nanoTime() - started;
        Timer.builder("hokusai.model.load")
                .description("Time to fetch and load a deployment's model")
                .tag("model", String.valueOf(artifact.modelId()))
                .tag("runtime", artifact.runtime())
                .register(metrics)
                .record(took, TimeUnit.NANOSECONDS);
        log.info(
                "Loaded deployment {} with runtime {} in {} ms",
                artifact.deploymentId(),
                artifact.runtime(),
                took / 1_000_000);
        checkedAt.put(artifact.deploymentId(), clock.instant());
        return new Entry(model, clock.instant(), artifact.ttl(), contents, took / 1_000_000.0);
    }

    /** Each entry lives for its own model's TTL after its last use. */
    private static final class IdleExpiry implements Expiry<UUID, Entry> {

        @Override
        public long expireAfterCreate(UUID key, Entry value, long currentTime) {
            return value.ttl().toNanos();
        }

        @Override
        public long expireAfterUpdate(UUID key, Entry value, long currentTime, long currentDuration) {
            return value.ttl().toNanos();
        }

        @Override
        public long expireAfterRead(UUID key, Entry value, long currentTime, long currentDuration) {
            return value.ttl().toNanos();
        }
    }
}
