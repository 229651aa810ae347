package ai.hokusai.server.service;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.persistence.InferenceLogColumns;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.InferenceLogRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code inference_logs} by group commit, and answers no billable call before its record is in the database:
 * <ul>
 * <li>a call takes a slot in a bounded buffer <em>before</em> it predicts ({@link #reserve()}); with no slot free it
 * is refused with 503, so every call has room to be recorded;</li>
 * <li>a writer thread inserts whatever has queued while it was busy, as one batch in one transaction; an answered
 * call waits for the commit of its batch ({@link Pending#awaitCommitted}), so it survives a crash of this process the
 * moment it is answered, while concurrent calls still share inserts. There are {@code writers} of them (1 by
 * default); with more, while one batch commits the next is inserted, at the price of smaller batches;</li>
 * <li>a call whose record is not committed within {@code commit-timeout} (the database is down) is refused with 503
 * and its record turned into a failed one, which the writer keeps retrying with backoff (the insert ignores ids
 * already written, so a retry after a lost acknowledgement writes nothing twice);</li>
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
    private final Path spillDir;
    private final JsonMapper json;
    private final Clock clock;
    private final Semaphore slots;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Records not yet in the database, so an outcome can be checked against a call made a moment ago. */
    private final ConcurrentHashMap<UUID, Pending> unwritten = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Timer commitWait;
    private final Counter abandoned;
    private final DistributionSummary batchSizes;
    private volatile long stopDeadlineNanos = Long.MAX_VALUE;
    private final List<Thread> writers = new ArrayList<>();

    public InferenceMeter(InferenceLogMapper logs, MeteringProperties properties, HokusaiProperties hokusai,
            JsonMapper json, Clock clock, MeterRegistry metrics) {
        this.logs = logs;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.spillDir = hokusai.dataDir().resolve("metering-spill");
        this.slots = new Semaphore(properties.bufferCapacity());
        Gauge.builder("hokusai.metering.queue.depth", unwritten, Map::size)
                .description("Calls whose inference log is not yet in the database").register(metrics);
        Gauge.builder("hokusai.metering.flush.lag", this, InferenceMeter::oldestUnwrittenSeconds)
                .baseUnit("seconds").description("Age of the oldest inference log not yet in the database")
                .register(metrics);
        this.commitWait = Timer.builder("hokusai.metering.commit.wait")
                .description("How long an answered call waited for the commit of its inference log")
                .publishPercentileHistogram().register(metrics);
        this.batchSizes = DistributionSummary.builder("hokusai.metering.batch.size").baseUnit("rows")
                .description("Inference logs written by one insert (one commit): many calls share each commit")
                .register(metrics);
        this.abandoned = Counter.builder("hokusai.metering.refused")
                .description("Calls refused with 503 because their inference log could not be committed in time")
                .register(metrics);
    }

    /** A buffer slot held by one predict call; {@link #record} must be called exactly once. */
    public final class Reservation {
        private final AtomicBoolean used = new AtomicBoolean();

        private Reservation() {
        }

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
            queue.add(pending);
            return pending;
        }
    }

    /**
     * One call's record on its way to the database; its monitor guards the hand-over between caller and writer, which
     * unparks the waiting caller when an insert of the record ends.
     */
    public final class Pending {
        private final long queuedNanos = System.nanoTime();
        private InferenceLogRecord record;
        /** What the call was asked and answered, until the writer has put them into the record as JSON. */
        private Object inputs;
        private Object outputs;
        private boolean inFlight;
        private boolean committed;
        /** The caller in {@link #awaitCommitted}, woken when an insert of the record ends. */
        private volatile Thread waiter;

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
            waiter = Thread.currentThread();
            boolean interrupted = false;
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    synchronized (this) {
                        if (committed) {
                            commitWait.record(System.nanoTime() - queuedNanos, TimeUnit.NANOSECONDS);
                            return true;
                        }
                        if (left <= 0 && !inFlight) {
                            record = failedInstead(record);
                            outputs = null;
                            abandoned.increment();
                            return false;
                        }
                    }
                    // Parked, not in Object.wait: the writer's unpark wakes a virtual thread without the monitor's
                    // wait-set hand-over. An insert under way may have committed: it is awaited past the deadline.
                    LockSupport.parkNanos(this, left > 0 ? left : TimeUnit.MILLISECONDS.toNanos(50));
                    if (Thread.interrupted()) {
                        interrupted = true;
                    }
                }
            } finally {
                waiter = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private synchronized InferenceLogRecord beginInsert() {
            inFlight = true;
            if (inputs != null || outputs != null) {
                record = withPayloads(record, inputs, outputs);
                inputs = null;
                outputs = null;
            }
            return record;
        }

        private void insertEnded(boolean success) {
            synchronized (this) {
                inFlight = false;
                committed = success;
            }
            Thread waiting = waiter;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    private static InferenceLogRecord failedInstead(InferenceLogRecord r) {
        return new InferenceLogRecord(r.id(), r.apiKeyId(), r.modelId(), r.deploymentId(), r.modelVersion(),
                r.requestId(), r.idempotencyKey(), InferenceLogRecord.FAILED, METERING_UNAVAILABLE, r.latencyMs(), 0,
                r.inputPayload(), null, r.payloadTruncated(), r.startedAt(), r.completedAt());
    }

    /** The call's input and output as JSON, each capped at {@code payload-max-chars}; none when payloads are off. */
    private InferenceLogRecord withPayloads(InferenceLogRecord r, Object inputs, Object outputs) {
        if (!properties.storePayloads()) {
            return r;
        }
        int max = properties.payloadMaxChars();
        CappedJson input = inputs == null ? null : capped(inputs, max);
        CappedJson output = outputs == null ? null : capped(outputs, max);
        boolean truncated = input != null && input.truncated() || output != null && output.truncated();
        return new InferenceLogRecord(r.id(), r.apiKeyId(), r.modelId(), r.deploymentId(), r.modelVersion(),
                r.requestId(), r.idempotencyKey(), r.status(), r.errorCode(), r.latencyMs(), r.predictionCount(),
                input == null ? null : input.text(), output == null ? null : output.text(), truncated, r.startedAt(),
                r.completedAt());
    }

    private record CappedJson(String text, boolean truncated) {
    }

    /**
     * The value as JSON, cut at {@code max} characters. Writing stops there: a batch's payload is not written out
     * whole only to keep its first few kilobytes.
     */
    private CappedJson capped(Object value, int max) {
        CappedWriter writer = new CappedWriter(max);
        try {
            json.writeValue(writer, value);
        } catch (JacksonException e) {
            if (!writer.full) {
                throw e;
            }
        }
        return new CappedJson(writer.text.toString(), writer.full);
    }

    /** Keeps the first {@code max} characters written to it, then refuses more. */
    private static final class CappedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int max;
        private boolean full;

        CappedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int room = max - text.length();
            if (length > room) {
                text.append(chars, offset, Math.max(0, room));
                full = true;
                throw new Full();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        /**
         * Ends the writing at the cap. A new one each time (a shared instance would collect what Jackson attaches to
         * it), without a stack, which would cost more than the writing it saves.
         */
        private static final class Full extends IOException {
            Full() {
                super("payload-max-chars reached");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }
    }

    private static final String METERING_UNAVAILABLE = ErrorCode.METERING_UNAVAILABLE.code();

    /**
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unwritten.containsKey(inferenceLogId)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Calls recorded but not yet written. */
    public int backlog() {
        return unwritten.size();
    }

    private double oldestUnwrittenSeconds() {
        long now = System.nanoTime();
        return unwritten.values().stream().mapToLong(p -> now - p.queuedNanos).max().orElse(0) / 1e9;
    }

    @Override
    public void start() {
        writeSpilled();
        running.set(true);
        for (int i = 0; i < Math.max(1, properties.writers()); i++) {
            int index = i;
            Thread writer = new Thread(() -> writeLoop(index), "inference-log-writer-" + i);
            writers.add(writer);
            writer.start();
        }
    }

    @Override
    public void stop() {
        stopDeadlineNanos = System.nanoTime() + properties.shutdownTimeout().toNanos();
        running.set(false);
        long deadline = System.nanoTime() + properties.shutdownTimeout().plusSeconds(5).toNanos();
        try {
            for (Thread writer : writers) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
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
        while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                // Group commit: everything that queued while the last insert ran goes in this one.
                queue.drainTo(batch, properties.batchSize() - batch.size());
                List<InferenceLogRecord> rows = new ArrayList<>(batch.size());
                batch.forEach(p -> rows.add(p.beginInsert()));
                try {
                    logs.insertColumns(InferenceLogColumns.of(rows));
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.insertEnded(false));
                    throw e;
                }
                batch.forEach(p -> {
                    unwritten.remove(p.record.id());
                    p.insertEnded(true);
                });
                slots.release(batch.size());
                batchSizes.record(batch.size());
                batch.clear();
                backoff = FIRST_BACKOFF;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (System.nanoTime() > stopDeadlineNanos) {
                    break;
                }
                log.warn("Could not write {} inference logs ({} waiting); retrying in {} ms: {}", batch.size(),
                        unwritten.size(), backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            spill(batch.stream().map(Pending::beginInsert).toList(), index);
        }
    }

    private void spill(List<InferenceLogRecord> records, int writer) {
        try {
            Files.createDirectories(spillDir);
            Path file = spillDir.resolve("inference-logs-" + clock.millis() + "-" + writer + ".json");
            json.writeValue(file.toFile(), records);
            log.error("The database could not be reached at shutdown: {} inference logs were saved to {} and will be "
                    + "written at the next start", records.size(), file);
        } catch (IOException | RuntimeException e) {
            log.error("{} inference logs could neither be written nor saved: {}", records.size(), e.getMessage());
        }
    }

    private void writeSpilled() {
        if (!Files.isDirectory(spillDir)) {
            return;
        }
        try (var files = Files.list(spillDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                List<InferenceLogRecord> records = List.of(json.readValue(file.toFile(), InferenceLogRecord[].class));
                for (int i = 0; i < records.size(); i += properties.batchSize()) {
                    logs.insertColumns(InferenceLogColumns.of(
                            records.subList(i, Math.min(records.size(), i + properties.batchSize()))));
                }
                Files.delete(file);
                log.info("Wrote {} inference logs saved at the last shutdown", records.size());
            }
        } catch (IOException e) {
            log.error("Could not read the inference logs saved at the last shutdown from {}: {}", spillDir,
                    e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
