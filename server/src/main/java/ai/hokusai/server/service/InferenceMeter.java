package ai.hokusai.server.service;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.InferenceLogColumns;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.InferenceLogRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code inference_logs} by group commit, and answers no billable call before its record is in the database:
 * <ul>
 * <li>a call takes a slot in a bounded buffer <em>before</em> it predicts ({@link #reserve()}); with no slot free it
 * is refused with 503, so every call has room to be recorded;</li>
 * <li>its record goes on a {@link BlockingQueue}; a writer thread inserts whatever has queued while it was busy (at
 * most {@code batch-size}), as one batch in one transaction, and completes each record's future when that commits.
 * An answered call waits for that future ({@link Pending#awaitCommitted}), so it survives a crash of this process
 * the moment it is answered, while concurrent calls still share inserts. There are {@code writers} of them (1 by
 * default); with more, while one batch commits the next is inserted, at the price of smaller batches;</li>
 * <li>a call whose record is not committed within {@code commit-timeout} (the database is down) is refused with 503
 * and its record turned into a failed one, which the writer keeps retrying with backoff (the insert ignores ids
 * already written, so a retry after a lost acknowledgement writes nothing twice). A call whose record is being
 * inserted at its deadline waits for that insert to end;</li>
 * <li>a graceful shutdown stops after the web server has finished its requests and writes everything left; what
 * still cannot be written in {@code shutdown-timeout} (failed calls only) is spilled to a file and written at the
 * next start.</li>
 * </ul>
 */
@Component
public class InferenceMeter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InferenceMeter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final InferenceLogMapper logs;
    private final MeteringProperties properties;
    private final MeteringSpill spill;
    private final InferencePayloads payloads;
    private final Semaphore slots;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Records not yet in the database by id, so an outcome can be checked against a call made a moment ago. */
    private final Map<UUID, Pending> unwritten = new ConcurrentHashMap<>();
    /** The same records oldest first, for the flush lag. */
    private final ConcurrentSkipListSet<Pending> oldestFirst =
            new ConcurrentSkipListSet<>(Comparator.comparingLong(p -> p.sequence));

    private final AtomicLong sequences = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Timer commitWait;
    private final Counter abandoned;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    /** A writer backs off by waiting here; {@link #stop()} gives each writer one permit, so it retries at once. */
    private final Semaphore wakeUp = new Semaphore(0);

    private volatile long stopDeadlineNanos = Long.MAX_VALUE;

    public InferenceMeter(
            InferenceLogMapper logs,
            MeteringProperties properties,
            HokusaiProperties hokusai,
            JsonMapper json,
            Clock clock,
            MeterRegistry metrics) {
        this.logs = logs;
        this.payloads = new InferencePayloads(properties, json);
        this.properties = properties;
        this.spill = new MeteringSpill(
                hokusai.dataDir().resolve("metering-spill"), logs, properties.batchSize(), json, clock);
        this.slots = new Semaphore(properties.bufferCapacity());
        Gauge.builder("hokusai.metering.queue.depth", unwritten, Map::size)
                .description("Calls whose inference log is not yet in the database")
                .register(metrics);
        Gauge.builder("hokusai.metering.flush.lag", this, InferenceMeter::oldestUnwrittenSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest inference log not yet in the database")
                .register(metrics);
        this.commitWait = Timer.builder("hokusai.metering.commit.wait")
                .description("How long an answered call waited for the commit of its inference log")
                .publishPercentileHistogram()
                .register(metrics);
        this.batchSizes = DistributionSummary.builder("hokusai.metering.batch.size")
                .baseUnit("rows")
                .description("Inference logs written by one insert (one commit): many calls share each commit")
                .register(metrics);
        this.abandoned = Counter.builder("hokusai.metering.refused")
                .description("Calls refused with 503 because their inference log could not be committed in time")
                .register(metrics);
    }

    /** A buffer slot held by one predict call; {@link #record} must be called exactly once. */
    public final class Reservation {
        private final AtomicBoolean used = new AtomicBoolean();

        private Reservation() {}

        /** Queues the call's record; the caller may {@link Pending#awaitCommitted wait} for its commit. */
        public Pending record(InferenceLogRecord record) {
            return record(record, null, null);
        }

        /**
         * Queues the call's record with what it was asked and answered; both are written as JSON into the record's
         * payload columns by the writer thread (when {@code store-payloads} is on), not by the caller's.
         */
        public Pending record(InferenceLogRecord record, Object inputs, Object outputs) {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("A reservation records one call");
            }
            Pending pending = new Pending(record, inputs, outputs);
            unwritten.put(record.id(), pending);
            oldestFirst.add(pending);
            queue.add(pending);
            return pending;
        }
    }

    /**
     * One call's record on its way to the database. {@link #written} completes when a batch holding it commits (or
     * exceptionally when it was spilled at shutdown instead); its monitor guards the record against being turned
     * into a failed one while an insert of it runs.
     */
    public final class Pending {
        private final long sequence = sequences.incrementAndGet();
        private final long queuedNanos = System.nanoTime();
        private final CompletableFuture<Void> written = new CompletableFuture<>();
        private InferenceLogRecord record;
        /** What the call was asked and answered, until the writer has put them into the record as JSON. */
        private Object inputs;

        private Object outputs;
        /** The insert of this record under way, completed when it ends however it ends; null between inserts. */
        private CompletableFuture<Void> insert;

        private Pending(InferenceLogRecord record, Object inputs, Object outputs) {
            this.record = record;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /**
         * Waits until the record is committed. When it is not within {@code commit-timeout} and no insert of it is
         * under way, the record becomes a failed call ({@code metering_unavailable}) that the writer still writes.
         *
         * @return whether the record, as queued, is committed: only then may the call be answered
         */
        public boolean awaitCommitted() {
            long deadline = queuedNanos + properties.commitTimeout().toNanos();
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        written.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        commitWait.record(System.nanoTime() - queuedNanos, TimeUnit.NANOSECONDS);
                        return true;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        return false; // spilled at shutdown: written at the next start, but not now
                    } catch (TimeoutException e) {
                        CompletableFuture<Void> underWay;
                        synchronized (this) {
                            if (written.isDone()) {
                                continue;
                            }
                            if (insert == null) {
                                record = InferencePayloads.failedInstead(record);
                                outputs = null;
                                abandoned.increment();
                                return false;
                            }
                            underWay = insert;
                        }
                        // An insert under way may commit: it is awaited past the deadline.
                        underWay.join();
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private synchronized InferenceLogRecord beginInsert(CompletableFuture<Void> attempt) {
            insert = attempt;
            if (inputs != null || outputs != null) {
                record = payloads.withPayloads(record, inputs, outputs);
                inputs = null;
                outputs = null;
            }
            return record;
        }

        /** Completes {@link #written} under the monitor, so a caller never refuses a record that was committed. */
        private synchronized void insertEnded(boolean committed) {
            insert = null;
            if (committed) {
                unwritten.remove(record.id());
                oldestFirst.remove(this);
                slots.release();
                written.complete(null);
            }
        }
    }

    /**
     * Takes a buffer slot for a predict call, before it predicts.
     *
     * @throws MeteringUnavailableException when the buffer is full
     */
    public Reservation reserve() {
        if (!running.get() || !slots.tryAcquire()) {
            throw new MeteringUnavailableException();
        }
        return new Reservation();
    }

    /** The key that made a call still waiting to be written. */
    public Optional<UUID> unwrittenOwner(UUID inferenceLogId) {
        return Optional.ofNullable(unwritten.get(inferenceLogId)).map(p -> p.record.apiKeyId());
    }

    /** Waits until the call's record is in the database; false if it still is not after {@code timeout}. */
    public boolean awaitWritten(UUID inferenceLogId, Duration timeout) throws InterruptedException {
        Pending pending = unwritten.get(inferenceLogId);
        if (pending == null) {
            return true;
        }
        try {
            pending.written.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Calls recorded but not yet written. */
    public int backlog() {
        return unwritten.size();
    }

    private double oldestUnwrittenSeconds() {
        return oldestFirst.stream()
                .findFirst()
                .map(p -> (System.nanoTime() - p.queuedNanos) / 1e9)
                .orElse(0.0);
    }

    @Override
    public void start() {
        spill.writeBack();
        wakeUp.drainPermits();
        stopDeadlineNanos = Long.MAX_VALUE;
        running.set(true);
        for (int i = 0; i < Math.max(1, properties.writers()); i++) {
            int index = i;
            writers.add(Thread.ofPlatform().name("inference-log-writer-" + i).start(() -> writeLoop(index)));
        }
    }

    @Override
    public void stop() {
        stopDeadlineNanos = System.nanoTime() + properties.shutdownTimeout().toNanos();
        running.set(false);
        wakeUp.release(writers.size());
        long deadline =
                System.nanoTime() + properties.shutdownTimeout().plusSeconds(5).toNanos();
        try {
            for (Thread writer : writers) {
                writer.join(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops after the web server (lower phase stops later), so every answered call is written by then. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void writeLoop(int index) {
        List<Pending> batch = new ArrayList<>(properties.batchSize());
        Duration backoff = FIRST_BACKOFF;
        try {
            while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                // Group commit: everything that queued while the last insert ran goes in this one.
                queue.drainTo(batch, properties.batchSize() - batch.size());
                RuntimeException failure = insert(batch);
                if (failure == null) {
                    batch.clear();
                    backoff = FIRST_BACKOFF;
                    continue;
                }
                if (System.nanoTime() > stopDeadlineNanos) {
                    break;
                }
                log.warn(
                        "Could not write {} inference logs ({} waiting); retrying in {} ms: {}",
                        batch.size(),
                        unwritten.size(),
                        backoff.toMillis(),
                        failure.getMessage());
                wakeUp.tryAcquire(backoff.toNanos(), TimeUnit.NANOSECONDS);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                        ? properties.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            spill.save(batch.stream().map(p -> p.beginInsert(null)).toList(), index);
            batch.forEach(p -> p.written.completeExceptionally(new IllegalStateException("Spilled at shutdown")));
        }
    }

    /** One batch in one insert; the failure, or null once it is committed. */
    private RuntimeException insert(List<Pending> batch) {
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        RuntimeException failure = null;
        try {
            List<InferenceLogRecord> rows = new ArrayList<>(batch.size());
            batch.forEach(p -> rows.add(p.beginInsert(attempt)));
            logs.insertColumns(InferenceLogColumns.of(rows));
            batchSizes.record(rows.size());
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean committed = failure == null;
        batch.forEach(p -> p.insertEnded(committed));
        attempt.complete(null);
        return failure;
    }
}
