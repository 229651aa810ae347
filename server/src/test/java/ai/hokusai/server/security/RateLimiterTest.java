package ai.hokusai.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.error.StoreUnavailableException;
import ai.hokusai.server.security.RateLimiter.Decision;
import ai.hokusai.server.security.RateLimiter.Window;
import ai.hokusai.server.security.RateLimiter.WindowState;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The limiter's decisions on a store held in memory, which a test can slow down, break or empty: no database. */
// A caller held where it should have been answered fails the test instead of hanging the build.
@Timeout(60)
class RateLimiterTest {

    /** One second into a minute (and into an hour): 59 seconds to the next minute, 3,599 to the next hour. */
    private static final Instant START = Instant.parse("2026-03-02T10:00:01Z");

    private static final RateLimitProperties PROPERTIES = new RateLimitProperties(
            true, 0.01, 1000, Duration.ofMillis(250), Duration.ofHours(2), Duration.ofMinutes(10));

    private final SettableClock clock = new SettableClock(START);
    private final FakeStore store = new FakeStore(clock);
    private final RateLimiter limiter = new RateLimiter(store, new LongAdder(), PROPERTIES, clock);

    @AfterEach
    void openTheStore() {
        store.failing = false;
        store.open();
        limiter.stop();
    }

    @Test
    void aKeyWithoutAStoredBucketGetsOneWithItsLimits() {
        ApiKeyPrincipal key = key(3, 1000, 5000);

        Decision decision = limiter.check(key);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.windows())
                .containsExactly(
                        new WindowState(Window.MINUTE, 3, 2, 59),
                        new WindowState(Window.HOUR, 1000, 999, 3599),
                        new WindowState(Window.ACCOUNT_HOUR, 5000, 4999, 3599));
        assertThat(decision.closest()).isEqualTo(new WindowState(Window.MINUTE, 3, 2, 59));
        assertThat(decision.retryAfterSeconds()).isZero();
        assertThat(limits(key.keyId().toString())).containsExactly(Map.entry("minute", 3L), Map.entry("hour", 1000L));
        assertThat(limits("account:" + key.accountId())).containsExactly(Map.entry("account-hour", 5000L));
    }

    @Test
    void aBucketDeletedFromTheStoreWhileTheInstanceHoldsItsCopyIsRecreatedFull() {
        ApiKeyPrincipal key = key(null, 50, null);
        for (int i = 0; i < 3; i++) {
            limiter.check(key);
        }
        assertThat(store.rows).containsKey(key.keyId().toString());
        store.rows.remove(key.keyId().toString());

        Decision decision = limiter.check(key);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.closest()).isEqualTo(new WindowState(Window.HOUR, 50, 49, 3599));
        assertThat(limits(key.keyId().toString())).containsExactly(Map.entry("hour", 50L));
    }

    @Test
    void overThePerMinuteLimitIsRefusedUntilTheMinuteTurnsWithExactFigures() {
        ApiKeyPrincipal key = key(3, 1000, null);
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Decision ok = limiter.check(key);
            assertThat(ok.allowed()).isTrue();
            remaining.add(ok.closest().remaining());
        }
        assertThat(remaining).containsExactly(2L, 1L, 0L);

        Decision refused = limiter.check(key);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(59);
        assertThat(refused.windows())
                .containsExactly(
                        new WindowState(Window.MINUTE, 3, 0, 59), new WindowState(Window.HOUR, 1000, 997, 3599));
        assertThat(refused.refusal().getMessage())
                .isEqualTo("The key is over its limit of 3 requests per minute. Retry in 59 seconds.");

        clock.set(START.plusSeconds(59)); // 10:01:00, the next minute
        Decision next = limiter.check(key);
        assertThat(next.allowed()).isTrue();
        assertThat(next.windows())
                .containsExactly(
                        new WindowState(Window.MINUTE, 3, 2, 60), new WindowState(Window.HOUR, 1000, 996, 3540));
    }

    @Test
    void theAccountLimitIsSharedByItsKeysAndARequestRefusedByItsKeyTakesNothingFromIt() {
        UUID account = UUID.randomUUID();
        ApiKeyPrincipal first = key(account, 1, 1000, 3);
        ApiKeyPrincipal second = key(account, null, 1000, 3);

        assertThat(limiter.check(first).closest()).isEqualTo(new WindowState(Window.MINUTE, 1, 0, 59));
        assertThat(limiter.check(first).allowed())
                .as("over its own per-minute limit")
                .isFalse();
        Decision shared = limiter.check(second);
        assertThat(shared.windows())
                .containsExactly(
                        new WindowState(Window.HOUR, 1000, 999, 3599),
                        new WindowState(Window.ACCOUNT_HOUR, 3, 1, 3599));
        assertThat(limiter.check(second).closest()).isEqualTo(new WindowState(Window.ACCOUNT_HOUR, 3, 0, 3599));

        Decision refused = limiter.check(second);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.closest()).isEqualTo(new WindowState(Window.ACCOUNT_HOUR, 3, 0, 3599));
        assertThat(refused.retryAfterSeconds()).isEqualTo(3599);
        assertThat(refused.refusal().getMessage())
                .isEqualTo("The key's account is over its limit of 3 requests per hour. Retry in 3599 seconds.");
    }

    @Test
    void limitsChangedWhileCachedApplyOnlyToABucketBuiltAfreshOnceTheStoredOneIsGone() {
        ApiKeyPrincipal before = key(3, 1000, null);
        ApiKeyPrincipal after = new ApiKeyPrincipal(
                before.keyId(), before.accountId(), "hk_test_", "k", Set.of(), 10, 1000, null, null);
        String bucketId = before.keyId().toString();
        for (int i = 0; i < 3; i++) {
            limiter.check(before);
        }

        // Limits are fixed when a bucket is built: the cached one still holds the key to 3, and says so.
        Decision stillOld = limiter.check(after);
        assertThat(stillOld.allowed()).isFalse();
        assertThat(stillOld.closest()).isEqualTo(new WindowState(Window.MINUTE, 3, 0, 59));
        // Deleted from the store, it is recreated full by this instance's copy, with the limits it was built with.
        store.rows.remove(bucketId);
        assertThat(limiter.check(after).closest()).isEqualTo(new WindowState(Window.MINUTE, 3, 2, 59));

        // Another instance (or this one after a restart) builds its copy from the stored bucket while there is one.
        RateLimiter restarted = new RateLimiter(store, new LongAdder(), PROPERTIES, clock);
        assertThat(restarted.check(after).closest()).isEqualTo(new WindowState(Window.MINUTE, 3, 1, 59));
        // Once the stored bucket is deleted as idle, a fresh copy creates it with the new limits.
        store.expired.add(bucketId);
        assertThat(restarted.removeIdleBuckets()).isEqualTo(1);
        RateLimiter afterIdle = new RateLimiter(store, new LongAdder(), PROPERTIES, clock);
        assertThat(afterIdle.check(after).windows())
                .containsExactly(
                        new WindowState(Window.MINUTE, 10, 9, 59), new WindowState(Window.HOUR, 1000, 999, 3599));
        restarted.stop();
        afterIdle.stop();
    }

    @Test
    void aSlowStoreHoldsAKeyWithASmallQuotaUntilItAnswersWithNoTimeout() throws Exception {
        ApiKeyPrincipal key = key(null, 50, null); // under 100 an hour: every request is checked against the store
        assertThat(limiter.check(key).closest().remaining()).isEqualTo(49);
        store.close();

        CompletableFuture<Decision> waiting = CompletableFuture.supplyAsync(() -> limiter.check(key));
        store.awaitTransactionStarted();
        assertThat(waiting).as("no timeout: the request waits for the store").isNotDone();
        store.open();

        Decision decision = waiting.get(10, TimeUnit.SECONDS);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.closest().remaining()).isEqualTo(48);
    }

    @Test
    void aKeyWithALargeQuotaIsDecidedLocallyWhileTheStoreIsSlowUntilItsBackgroundSyncWaitsOnTheStore()
            throws Exception {
        // 10,000 an hour: up to T = 100 requests are decided locally; the background sync is asked for at T / 2.
        ApiKeyPrincipal key = key(null, 10_000, null);
        assertThat(limiter.check(key).closest().remaining()).isEqualTo(9_999);
        int transactions = store.transactions.get();
        store.close();

        List<Long> expected = new ArrayList<>();
        for (long r = 9_998; r > 9_950; r--) {
            expected.add(r);
        }
        List<Long> local = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            local.add(limiter.check(key).closest().remaining());
        }
        assertThat(local).isEqualTo(expected);
        assertThat(store.transactions.get()).as("nothing asked of the store").isEqualTo(transactions);

        assertThat(limiter.check(key).allowed())
                .as("the 50th since the last sync, which asks for one")
                .isTrue();
        store.awaitTransactionStarted();
        CompletableFuture<Decision> behindTheSync = CompletableFuture.supplyAsync(() -> limiter.check(key));
        assertThatThrownBy(() -> behindTheSync.get(300, TimeUnit.MILLISECONDS))
                .as("a request of the key waits for the sync under way; there is no timeout")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        store.open();

        Decision decision = behindTheSync.get(10, TimeUnit.SECONDS);
        assertThat(decision.allowed()).isTrue();
        // 10,000 less the first, the 49 decided locally and synced, and this one.
        assertThat(decision.closest().remaining()).isEqualTo(9_949);
    }

    @Test
    void aStoreThatFailsRefusesTheRequestAsUnavailableRatherThanLettingItThrough() {
        ApiKeyPrincipal key = key(null, 50, null);
        limiter.check(key);
        store.failing = true;

        assertThatThrownBy(() -> limiter.check(key)).isInstanceOf(StoreUnavailableException.class);
        store.failing = false;
        assertThat(limiter.check(key).closest().remaining())
                .as("the failed request took nothing")
                .isEqualTo(48);
    }

    @Test
    void idleBucketsAreDeletedAThousandAtATime() {
        for (int i = 0; i < 2_500; i++) {
            store.expired.add("idle-" + i);
        }

        assertThat(limiter.removeIdleBuckets()).isEqualTo(2_500);
        assertThat(store.cleanups).containsExactly(1_000, 1_000, 500);
        store.failing = true;
        assertThat(limiter.removeIdleBuckets())
                .as("a failed cleanup is logged and retried next time")
                .isZero();
    }

    private Map<String, Long> limits(String bucketId) {
        Bandwidth[] bandwidths =
                store.getProxyConfiguration(bucketId).orElseThrow().getBandwidths();
        Map<String, Long> limits = new java.util.LinkedHashMap<>();
        for (Bandwidth b : bandwidths) {
            limits.put(b.getId(), b.getCapacity());
        }
        return limits;
    }

    private static ApiKeyPrincipal key(Integer perMinute, int perHour, Integer accountPerHour) {
        return key(UUID.randomUUID(), perMinute, perHour, accountPerHour);
    }

    private static ApiKeyPrincipal key(UUID accountId, Integer perMinute, int perHour, Integer accountPerHour) {
        return new ApiKeyPrincipal(
                UUID.randomUUID(),
                accountId,
                "hk_test_",
                "k",
                Set.of("predict"),
                perMinute,
                perHour,
                null,
                accountPerHour);
    }

    /** A clock a test sets. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * {@code rate_limit_buckets} in memory, under Bucket4j's own select-for-update protocol (as the PostgreSQL store
     * runs it): one row lock at a time. A transaction can be held at its start (a slow store) or fail (a store down).
     */
    private static final class FakeStore extends AbstractSelectForUpdateBasedProxyManager<String>
            implements ExpiredEntriesCleaner {
        /** A row's state; an empty array for a row inserted but not yet written. */
        final Map<String, byte[]> rows = new ConcurrentHashMap<>();

        final Set<String> expired = ConcurrentHashMap.newKeySet();
        final List<Integer> cleanups = new ArrayList<>();
        final AtomicInteger transactions = new AtomicInteger();
        volatile boolean failing;
        private final ReentrantLock lock = new ReentrantLock();
        private final Semaphore started = new Semaphore(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        FakeStore(Clock clock) {
            super(ClientSideConfig.getDefault().withClientClock(new RateLimiter.ClockTimeMeter(clock)));
        }

        void close() {
            gate = new CountDownLatch(1);
            started.drainPermits();
        }

        void open() {
            gate.countDown();
        }

        void awaitTransactionStarted() throws InterruptedException {
            assertThat(started.tryAcquire(10, TimeUnit.SECONDS))
                    .as("a transaction started")
                    .isTrue();
        }

        @Override
        public int removeExpired(int batchSize) {
            if (failing) {
                throw BucketExceptions.from(new SQLException("the database is down"));
            }
            int removed = 0;
            for (String id : List.copyOf(expired)) {
                if (removed == batchSize) {
                    break;
                }
                expired.remove(id);
                rows.remove(id);
                removed++;
            }
            cleanups.add(removed);
            return removed;
        }

        @Override
        protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
            return new SelectForUpdateBasedTransaction() {
                private byte[] update;

                @Override
                public void begin(Optional<Long> timeout) {
                    transactions.incrementAndGet();
                    started.release();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw BucketExceptions.from(e);
                    }
                    if (failing) {
                        throw BucketExceptions.from(new SQLException("the database is down"));
                    }
                    lock.lock();
                }

                @Override
                public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
                    byte[] state = rows.get(key);
                    if (state == null) {
                        return LockAndGetResult.notLocked();
                    }
                    return LockAndGetResult.locked(state.length == 0 ? null : state);
                }

                @Override
                public boolean tryInsertEmptyData(Optional<Long> timeout) {
                    return rows.putIfAbsent(key, new byte[0]) == null;
                }

                @Override
                public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
                    update = data;
                }

                @Override
                public void commit(Optional<Long> timeout) {
                    if (update != null) {
                        rows.put(key, update);
                    }
                }

                @Override
                public void rollback() {
                    update = null;
                }

                @Override
                public void release() {
                    if (lock.isHeldByCurrentThread()) {
                        lock.unlock();
                    }
                }
            };
        }

        @Override
        public void removeProxy(String key) {
            rows.remove(key);
        }

        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }
    }
}
