package ai.hokusai.server.security;

import ai.hokusai.server.error.StoreUnavailableException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-key limits per UTC minute and hour, and per-account limits per UTC hour, shared by every instance through Bucket4j's PostgreSQL store (one row
 * per key, {@code SELECT … FOR UPDATE}). Windows are aligned on minute and hour boundaries, so a quota resets when
 * the clock says it does.
 *
 * <p>To keep the database off the request path each instance keeps its keys' bucket proxies in memory with
 * Bucket4j's delaying optimization: a request is decided on the local copy while fewer than T requests are unsynced
 * (see {@link RateLimitProperties}), and a background thread writes them to the store — as soon as T/2 have
 * gathered, and at least every {@code sync-interval}. A request thread syncs itself only when T is reached before
 * the background sync is done, or for a key it has not seen yet. T = 0 (quotas under 100 per window, by default)
 * means every request is checked against the store: small quotas are held exactly.
 *
 * <p>A key's stored bucket outlives its last use by {@code bucket-ttl} after it is full again; then
 * {@link #removeIdleBuckets()} deletes it, and the key's next request recreates it full.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** A quota window, aligned on UTC boundaries of its length. */
    public enum Window {
        MINUTE(Duration.ofMinutes(1), "minute", "The key"),
        HOUR(Duration.ofHours(1), "hour", "The key"),
        /** The account's hourly quota, shared by all its keys. */
        ACCOUNT_HOUR(Duration.ofHours(1), "account-hour", "The key's account");

        private final Duration length;
        private final String label;
        private final String whose;

        Window(Duration length, String label, String whose) {
            this.length = length;
            this.label = label;
            this.whose = whose;
        }

        /** {@code minute} or {@code hour}: the length named in messages. */
        String unit() {
            return length.toMinutes() == 1 ? "minute" : "hour";
        }

        public Duration length() {
            return length;
        }

        static Window labelled(String label) {
            return Arrays.stream(values())
                    .filter(w -> w.label.equals(label))
                    .findFirst()
                    .orElseThrow();
        }

        /** {@code minute} or {@code hour}: the policy's name in the RateLimit headers and in messages. */
        public String label() {
            return label;
        }
    }

    /** One of a key's quotas after a request: how many it allows, how many are left, and when it resets. */
    public record WindowState(Window window, long quota, long remaining, long secondsToReset) {}

    /**
     * The answer for one request: every quota of the key, the one closest to running out, and for a refused
     * request how long to wait.
     */
    public record Decision(boolean allowed, List<WindowState> windows, WindowState closest, long retryAfterSeconds) {

        /** The refusal to raise when the request is not allowed. */
        public RateLimitedException refusal() {
            return new RateLimitedException(
                    closest.window().whose + " is over its limit of " + closest.quota() + " requests per "
                            + closest.window().unit() + ". Retry in " + retryAfterSeconds + " seconds.",
                    retryAfterSeconds);
        }
    }

    /** Requests checked since start, and the database syncs they needed. */
    public record Counters(long checks, long syncs) {}

    /** Rows removed by one statement of the idle-bucket cleanup. */
    private static final int CLEANUP_BATCH = 1_000;

    private final ProxyManager<String> store;
    private final ExpiredEntriesCleaner expired;
    private final RateLimitProperties properties;
    private final Clock clock;
    /** A key's bucket proxy and the requests decided locally since the last background sync. */
    private record LocalBucket(
            BucketProxy proxy, long unsynchronizedLimit, AtomicLong sinceSync, AtomicBoolean syncQueued) {}

    /** By bucket id: a key's id, or {@code account:} and an account's id. */
    private final Cache<String, LocalBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();
    /** Keys used since the last periodic sync round. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    private final ExecutorService syncer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rate-limit-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder checks = new LongAdder();
    /** Connections the store borrowed: one per database sync, which is what the local copy is there to save. */
    private final LongAdder syncs;

    @Autowired
    public RateLimiter(DataSource dataSource, RateLimitProperties properties, Clock clock) {
        this(new LongAdder(), dataSource, properties, clock);
    }

    private RateLimiter(LongAdder syncs, DataSource dataSource, RateLimitProperties properties, Clock clock) {
        this(postgreSqlStore(dataSource, syncs, properties, clock), syncs, properties, clock);
    }

    /** On any store: the server's is PostgreSQL's; a test's is one it can slow down or empty. */
    <S extends ProxyManager<String> & ExpiredEntriesCleaner> RateLimiter(
            S store, LongAdder syncs, RateLimitProperties properties, Clock clock) {
        this.store = store;
        this.expired = store;
        this.syncs = syncs;
        this.properties = properties;
        this.clock = clock;
    }

    /** One row per bucket in {@code rate_limit_buckets}; every connection it borrows counts as a sync. */
    private static PostgreSQLSelectForUpdateBasedProxyManager<String> postgreSqlStore(
            DataSource dataSource, LongAdder syncs, RateLimitProperties properties, Clock clock) {
        DataSource counted = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                syncs.increment();
                return super.getConnection();
            }
        };
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(counted)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(properties.bucketTtl()))
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    /**
     * Takes one request from the key's quota.
     *
     * @throws StoreUnavailableException when the shared store cannot be reached (the request is refused, not let
     *                                   through unlimited)
     */
    public Decision check(ApiKeyPrincipal key) {
        checks.increment();
        Decision forKey = consume(key.keyId().toString(), limits(key), true);
        if (key.accountRateLimitPerHour() == null || !forKey.allowed()) {
            return forKey;
        }
        Decision forAccount = consume(
                "account:" + key.accountId(),
                List.of(new Limit(Window.ACCOUNT_HOUR, key.accountRateLimitPerHour())),
                true);
        List<WindowState> states = new ArrayList<>(forKey.windows());
        states.addAll(forAccount.windows());
        WindowState closest =
                forAccount.closest().remaining() < forKey.closest().remaining() || !forAccount.allowed()
                        ? forAccount.closest()
                        : forKey.closest();
        return new Decision(forAccount.allowed(), List.copyOf(states), closest, forAccount.retryAfterSeconds());
    }

    private Decision consume(String bucketId, List<Limit> limits, boolean mayRebuild) {
        VerboseResult<ConsumptionProbe> result;
        LocalBucket bucket = buckets.get(bucketId, id -> bucket(id, limits));
        try {
            result = bucket.proxy().asVerbose().tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            // Directly, or wrapped by Bucket4j's batching when several requests waited on one sync.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BucketNotFoundException && mayRebuild) {
                    // The stored bucket is missing (not yet written, expired or deleted). One command recreates it
                    // by itself; a batch of commands that waited on one another fails instead: start again from a
                    // fresh copy, which recreates it from the key's limits.
                    buckets.asMap().remove(bucketId, bucket);
                    return consume(bucketId, limits, false);
                }
                if (cause instanceof BucketExceptions.BucketExecutionException) {
                    throw new StoreUnavailableException(e);
                }
            }
            throw e;
        }
        if (bucket.unsynchronizedLimit() > 0) {
            dirty.add(bucketId);
            if (bucket.sinceSync().incrementAndGet() >= Math.max(1, bucket.unsynchronizedLimit() / 2)) {
                syncSoon(bucket);
            }
        }
        // The quotas are read from the bucket that decided, which is the one the key had when it was created.
        Bandwidth[] bandwidths = result.getConfiguration().getBandwidths();
        long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        Instant now = clock.instant();
        List<WindowState> states = new ArrayList<>(bandwidths.length);
        WindowState closest = null;
        for (int i = 0; i < bandwidths.length; i++) {
            Window window = Window.labelled(bandwidths[i].getId());
            WindowState state = new WindowState(
                    window, bandwidths[i].getCapacity(), Math.max(0, remaining[i]), secondsToReset(window, now));
            states.add(state);
            if (closest == null || state.remaining() < closest.remaining()) {
                closest = state;
            }
        }
        ConsumptionProbe probe = result.getValue();
        long retryAfter =
                probe.isConsumed() ? 0 : Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
        return new Decision(probe.isConsumed(), List.copyOf(states), closest, retryAfter);
    }

    public Counters counters() {
        return new Counters(checks.sum(), syncs.sum());
    }

    /**
     * Writes what every recently used key decided locally to the store, and refreshes its local copy. A call made
     * while a round is under way (the scheduled one, and the last one at shutdown) waits for it, so when it returns
     * every request decided before it was called is in the store.
     */
    @Scheduled(fixedDelayString = "${hokusai.rate-limit.sync-interval:250ms}")
    public synchronized void syncRecentlyUsed() {
        for (String bucketId : List.copyOf(dirty)) {
            dirty.remove(bucketId);
            LocalBucket bucket = buckets.getIfPresent(bucketId);
            if (bucket != null) {
                sync(bucket);
            }
        }
    }

    /**
     * Deletes the buckets of keys idle for longer than {@code bucket-ttl} past their last refill from the store, a
     * thousand rows per statement; such a key's bucket comes back full on its next request. Every instance runs it;
     * each statement skips rows another one holds.
     *
     * @return the buckets deleted
     */
    @Scheduled(
            fixedDelayString = "${hokusai.rate-limit.cleanup-interval:10m}",
            initialDelayString = "${hokusai.rate-limit.cleanup-interval:10m}")
    public int removeIdleBuckets() {
        int removed = 0;
        try {
            for (int n = CLEANUP_BATCH; n == CLEANUP_BATCH; ) {
                n = expired.removeExpired(CLEANUP_BATCH);
                removed += n;
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete idle rate-limit buckets: {}", e.getMessage());
        }
        if (removed > 0) {
            log.info("Deleted {} idle rate-limit buckets", removed);
        }
        return removed;
    }

    @PreDestroy
    void stop() {
        syncRecentlyUsed();
        syncer.shutdown();
    }

    private void syncSoon(LocalBucket bucket) {
        if (bucket.syncQueued().compareAndSet(false, true)) {
            syncer.execute(() -> {
                bucket.syncQueued().set(false);
                sync(bucket);
            });
        }
    }

    private void sync(LocalBucket bucket) {
        bucket.sinceSync().set(0);
        try {
            bucket.proxy().getOptimizationController().syncByCondition(0, Duration.ZERO);
        } catch (RuntimeException e) {
            // The unsynced requests stay in the local copy; the next sync, or a request reaching T, writes them.
            log.warn("Could not sync a rate-limit bucket: {}", e.getMessage());
        }
    }

    private LocalBucket bucket(String bucketId, List<Limit> limits) {
        long smallest = limits.stream().mapToLong(Limit::quota).min().orElseThrow();
        long unsynchronized = Math.min(properties.maxUnsynchronizedTokens(), (long)
                Math.floor(smallest * properties.maxUnsynchronizedFraction()));
        var builder = store.builder();
        if (unsynchronized > 0) {
            // Time never forces a sync on the request thread: the background syncs keep the copy fresh. The copy
            // refills by the same clock as the stored bucket (Optimizations.delaying would read the system's).
            builder = builder.withOptimization(new DelayOptimization(
                    new DelayParameters(unsynchronized, Duration.ofDays(1)),
                    NopeOptimizationListener.INSTANCE,
                    new ClockTimeMeter(clock)));
        }
        // Limits are fixed when a key or an account is created, so the stored configuration never needs replacing.
        BucketProxy proxy = builder.build(bucketId, () -> configuration(limits));
        return new LocalBucket(proxy, unsynchronized, new AtomicLong(), new AtomicBoolean());
    }

    private BucketConfiguration configuration(List<Limit> limits) {
        ConfigurationBuilder config = BucketConfiguration.builder();
        Instant now = clock.instant();
        for (Limit limit : limits) {
            Instant nextBoundary = now.plusSeconds(secondsToReset(limit.window(), now));
            config.addLimit(BandwidthBuilder.builder()
                    .capacity(limit.quota())
                    .refillIntervallyAligned(limit.quota(), limit.window().length(), nextBoundary)
                    .id(limit.window().label())
                    .build());
        }
        return config.build();
    }

    private static long secondsToReset(Window window, Instant now) {
        long length = window.length().toSeconds();
        return length - Math.floorMod(now.getEpochSecond(), length);
    }

    /** A quota of one window, as a bucket is created with it. */
    private record Limit(Window window, long quota) {}

    private static List<Limit> limits(ApiKeyPrincipal key) {
        Limit hour = new Limit(Window.HOUR, key.rateLimitPerHour());
        return key.rateLimitPerMinute() == null
                ? List.of(hour)
                : List.of(new Limit(Window.MINUTE, key.rateLimitPerMinute()), hour);
    }

    /** Bucket4j's refills read the application's clock, so quotas turn over when that clock says they do. */
    record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
