package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.InferenceLogColumns;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.InferenceLogRecord;
import ai.hokusai.server.persistence.ModelUsageRecord;
import ai.hokusai.server.persistence.UsageCountRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The metering pipeline against a fake {@code inference_logs}: no Spring, no database. */
// A caller held where it should have been answered fails the test instead of hanging the build.
@Timeout(60)
class InferenceMeterTest {

    private static final UUID KEY = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private final FakeLogs logs = new FakeLogs();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<InferenceMeter> started = new ArrayList<>();
    private final Map<InferenceMeter.Pending, UUID> recordIds = new ConcurrentHashMap<>();

    @AfterEach
    void stopEveryMeter() {
        logs.open();
        logs.failuresLeft.set(0);
        started.forEach(InferenceMeter::stop);
    }

    @Test
    void aCommitThatFailsIsRetriedUntilItSucceedsAndEachRecordIsCommittedOnce() throws Exception {
        InferenceMeter meter = start(properties(10_000, 100, 1, LONG, Duration.ofMillis(20), LONG));
        logs.close();
        InferenceMeter.Pending first = record(meter);
        logs.awaitInsertStarted();
        List<InferenceMeter.Pending> rest = List.of(record(meter), record(meter), record(meter), record(meter));
        logs.failuresLeft.set(3);
        logs.open();

        assertThat(first.awaitCommitted()).isTrue();
        for (InferenceMeter.Pending p : rest) {
            assertThat(p.awaitCommitted()).isTrue();
        }
        // [first] fails, then [first + rest] fails twice and commits on the fourth attempt.
        assertThat(logs.attempts.get()).isEqualTo(4);
        assertThat(logs.committedBatchSizes()).containsExactly(5);
        assertThat(logs.table)
                .hasSize(5)
                .allSatisfy((id, status) -> assertThat(status).isEqualTo("succeeded"));
        assertThat(logs.committedTwice).isEmpty();
        assertThat(meter.backlog()).isZero();
        assertThat(metrics.counter("hokusai.metering.refused").count()).isZero();
        assertThat(metrics.summary("hokusai.metering.batch.size").count()).isEqualTo(1);
        assertThat(metrics.summary("hokusai.metering.batch.size").totalAmount()).isEqualTo(5);
    }

    @Test
    void whileACommitIsSlowQueuedCallersAreRefusedAtTheCommitTimeoutAndTheirRecordsWrittenTogetherAsFailed()
            throws Exception {
        InferenceMeter meter = start(properties(10_000, 100, 1, Duration.ofMillis(300), LONG, LONG));
        logs.close();
        InferenceMeter.Pending inFlight = record(meter);
        logs.awaitInsertStarted();
        List<InferenceMeter.Pending> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(record(meter));
        }
        CompletableFuture<Boolean> inFlightAnswer = CompletableFuture.supplyAsync(inFlight::awaitCommitted);

        // The insert is still held: the queued callers get their answer at their deadline, not when it ends.
        for (InferenceMeter.Pending p : queued) {
            assertThat(p.awaitCommitted()).isFalse();
        }
        assertThat(logs.attempts.get()).isEqualTo(1);
        assertThat(inFlightAnswer)
                .as("a caller whose record is being inserted waits for that insert")
                .isNotDone();
        logs.open();

        assertThat(inFlightAnswer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(meter.awaitWritten(id(queued.getLast()), LONG)).isTrue();
        assertThat(logs.committedBatchSizes()).containsExactly(1, 5);
        assertThat(logs.table.get(id(inFlight))).isEqualTo("succeeded");
        for (InferenceMeter.Pending p : queued) {
            assertThat(logs.table.get(id(p))).isEqualTo("failed metering_unavailable");
        }
        assertThat(metrics.counter("hokusai.metering.refused").count()).isEqualTo(5);
    }

    @Test
    void shutdownDuringASlowCommitWritesEveryAcceptedRecordBeforeStopReturns() throws Exception {
        InferenceMeter meter = start(properties(10_000, 3, 1, LONG, LONG, LONG));
        logs.close();
        List<InferenceMeter.Pending> accepted = new ArrayList<>(List.of(record(meter)));
        logs.awaitInsertStarted();
        for (int i = 0; i < 6; i++) {
            accepted.add(record(meter));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = Thread.ofPlatform().start(() -> {
            meter.stop();
            stopped.countDown();
        });
        assertThat(stopped.await(200, TimeUnit.MILLISECONDS))
                .as("stop waits for the insert under way")
                .isFalse();
        assertThatThrownBy(meter::reserve).isInstanceOf(MeteringUnavailableException.class);
        logs.open();
        stopper.join();

        assertThat(logs.committedBatchSizes()).containsExactly(1, 3, 3);
        assertThat(logs.table.keySet()).isEqualTo(ids(accepted));
        assertThat(logs.committedTwice).isEmpty();
        assertThat(meter.backlog()).isZero();
        assertThat(data.resolve("metering-spill")).doesNotExist();
    }

    @Test
    void recordsTheDatabaseStillRefusesAtShutdownAreSpilledAndWrittenAtTheNextStart() throws Exception {
        MeteringProperties settings = properties(10_000, 2, 1, LONG, Duration.ofMillis(20), Duration.ofMillis(300));
        InferenceMeter meter = start(settings);
        logs.failuresLeft.set(Integer.MAX_VALUE);
        List<InferenceMeter.Pending> accepted = List.of(record(meter), record(meter), record(meter));
        meter.stop();

        assertThat(logs.table).isEmpty();
        try (var files = Files.list(data.resolve("metering-spill"))) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(meter.awaitWritten(id(accepted.getFirst()), Duration.ofMillis(10)))
                .isFalse();

        logs.failuresLeft.set(0);
        start(settings);
        assertThat(logs.table.keySet()).isEqualTo(ids(accepted));
        assertThat(logs.committedBatchSizes()).containsExactly(2, 1);
        try (var files = Files.list(data.resolve("metering-spill"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void moreCallersThanABatchHoldsAreAllWrittenInBatchesNoLargerThanTheBatchSize() throws Exception {
        InferenceMeter meter = start(properties(10_000, 5, 1, LONG, LONG, LONG));
        logs.close();
        List<InferenceMeter.Pending> accepted = new ArrayList<>(List.of(record(meter)));
        logs.awaitInsertStarted();
        for (int i = 0; i < 22; i++) {
            accepted.add(record(meter));
        }
        logs.open();

        for (InferenceMeter.Pending p : accepted) {
            assertThat(p.awaitCommitted()).isTrue();
        }
        assertThat(logs.committedBatchSizes()).containsExactly(1, 5, 5, 5, 5, 2);
        assertThat(logs.table.keySet()).isEqualTo(ids(accepted));
        assertThat(logs.committedTwice).isEmpty();
    }

    @Test
    void manyThreadsRecordingAtOnceHaveEachRecordWrittenExactlyOnce() throws Exception {
        InferenceMeter meter = start(properties(10_000, 7, 2, LONG, Duration.ofMillis(20), LONG));
        logs.failEvery = 5;
        Set<UUID> answered = ConcurrentHashMap.newKeySet();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            done.add(callers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    InferenceMeter.Pending p = record(meter);
                    assertThat(p.awaitCommitted()).isTrue();
                    answered.add(id(p));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertThat(answered).hasSize(640);
        assertThat(logs.table.keySet()).isEqualTo(answered);
        assertThat(logs.committedBatchSizes().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(640);
        assertThat(logs.committedBatchSizes())
                .allSatisfy(size -> assertThat(size).isBetween(1, 7));
        assertThat(logs.committedTwice).isEmpty();
        assertThat(meter.backlog()).isZero();
    }

    @Test
    void aRecordNotYetWrittenHasItsOwnerKnownAndCanBeAwaited() throws Exception {
        InferenceMeter meter = start(properties(10_000, 100, 1, LONG, LONG, LONG));
        logs.close();
        InferenceMeter.Pending pending = record(meter);
        logs.awaitInsertStarted();

        assertThat(meter.unwrittenOwner(id(pending))).contains(KEY);
        assertThat(meter.backlog()).isEqualTo(1);
        assertThat(meter.awaitWritten(id(pending), Duration.ofMillis(50))).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return meter.awaitWritten(id(pending), LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        logs.open();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(logs.table).containsKey(id(pending));
        assertThat(meter.unwrittenOwner(id(pending))).isEmpty();
        assertThat(meter.backlog()).isZero();
        assertThat(meter.awaitWritten(UUID.randomUUID(), Duration.ZERO))
                .as("an id never recorded")
                .isTrue();
    }

    @Test
    void aFullBufferRefusesTheNextCallUntilARecordIsWritten() throws Exception {
        InferenceMeter meter = start(properties(2, 100, 1, LONG, LONG, LONG));
        logs.close();
        InferenceMeter.Pending first = record(meter);
        logs.awaitInsertStarted();
        InferenceMeter.Reservation second = meter.reserve();

        assertThatThrownBy(meter::reserve).isInstanceOf(MeteringUnavailableException.class);
        second.record(record(UUID.randomUUID()));
        assertThatThrownBy(() -> second.record(record(UUID.randomUUID()))).isInstanceOf(IllegalStateException.class);
        logs.open();
        assertThat(first.awaitCommitted()).isTrue();
        assertThat(meter.reserve()).isNotNull();
    }

    private InferenceMeter start(MeteringProperties properties) {
        InferenceMeter meter = new InferenceMeter(
                logs,
                properties,
                new HokusaiProperties(data, null, null, 1_048_576, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                JsonMapper.builder().build(),
                Clock.systemUTC(),
                metrics);
        meter.start();
        started.add(meter);
        return meter;
    }

    private static MeteringProperties properties(
            int bufferCapacity,
            int batchSize,
            int writers,
            Duration commitTimeout,
            Duration maxBackoff,
            Duration shutdownTimeout) {
        return new MeteringProperties(
                bufferCapacity, batchSize, writers, commitTimeout, maxBackoff, shutdownTimeout, true, 4096);
    }

    /** Records one call, as a predict does, with its input and output. */
    private InferenceMeter.Pending record(InferenceMeter meter) {
        UUID id = UUID.randomUUID();
        InferenceMeter.Pending pending = meter.reserve().record(record(id), Map.of("company_size", 1000), List.of(0.7));
        recordIds.put(pending, id);
        return pending;
    }

    private UUID id(InferenceMeter.Pending pending) {
        return recordIds.get(pending);
    }

    private static InferenceLogRecord record(UUID id) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new InferenceLogRecord(
                id,
                KEY,
                21,
                UUID.randomUUID(),
                "1",
                "request-" + id,
                null,
                InferenceLogRecord.SUCCEEDED,
                null,
                1.5,
                1,
                null,
                null,
                false,
                now,
                now,
                null);
    }

    private Set<UUID> ids(List<InferenceMeter.Pending> pending) {
        Set<UUID> ids = new HashSet<>();
        pending.forEach(p -> ids.add(id(p)));
        return ids;
    }

    /**
     * {@code inference_logs} as the mapper's one insert sees it: rows by id, a retried id ignored (as
     * {@code ON CONFLICT (id) DO NOTHING} does). An insert can be held at a gate (a slow commit) or made to fail.
     */
    private static final class FakeLogs implements InferenceLogMapper {
        final Map<UUID, String> table = new ConcurrentHashMap<>();
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final Set<UUID> committedTwice = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();
        /** Every n-th attempt fails, when positive. */
        volatile int failEvery;

        private final Semaphore insertStarted = new Semaphore(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public int insertColumns(InferenceLogColumns c) {
            int attempt = attempts.incrementAndGet();
            insertStarted.release();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || (failEvery > 0 && attempt % failEvery == 0)) {
                throw new IllegalStateException("the database is down");
            }
            int inserted = 0;
            for (int i = 0; i < c.ids().length; i++) {
                String status = c.statuses()[i] + (c.errorCodes()[i] == null ? "" : " " + c.errorCodes()[i]);
                if (table.putIfAbsent(UUID.fromString(c.ids()[i]), status) == null) {
                    inserted++;
                } else {
                    committedTwice.add(UUID.fromString(c.ids()[i]));
                }
            }
            batches.add(c.ids().length);
            return inserted;
        }

        List<Integer> committedBatchSizes() {
            return List.copyOf(batches);
        }

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        void awaitInsertStarted() throws InterruptedException {
            assertThat(insertStarted.tryAcquire(10, TimeUnit.SECONDS))
                    .as("an insert started")
                    .isTrue();
            insertStarted.drainPermits();
        }

        @Override
        public java.util.Optional<UUID> findOwner(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UsageCountRecord> accountUsage(
                UUID accountId, OffsetDateTime from, OffsetDateTime until, Integer modelId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelUsageRecord> modelUsage(int modelId, OffsetDateTime from, OffsetDateTime until) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UsageCountRecord> usage(UUID keyId, OffsetDateTime from, OffsetDateTime until, Integer modelId) {
            throw new UnsupportedOperationException();
        }
    }
}
