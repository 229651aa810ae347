package ai.hokusai.server.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.InferenceLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code inference_logs} off the request path, in batches, and loses none:
 * <ul>
 * <li>a call takes a slot in a bounded buffer <em>before</em> it predicts ({@link #reserve()}); with no slot free it
 * is refused with 503, so an answered prediction always has room to be recorded;</li>
 * <li>one writer thread inserts batches (a batch gathers for up to {@code flush-interval}); while the database is down it keeps the batch and retries with backoff
 * (the insert ignores ids already written, so a retry after a lost acknowledgement writes nothing twice);</li>
 * <li>a graceful shutdown stops after the web server has finished its requests and writes everything left; what
 * still cannot be written in {@code shutdown-timeout} is spilled to a file and written at the next start.</li>
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
    private final LinkedBlockingQueue<InferenceLogRecord> queue = new LinkedBlockingQueue<>();
    /** Records not yet in the database, so an outcome can be checked against a call made a moment ago. */
    private final ConcurrentHashMap<UUID, InferenceLogRecord> unwritten = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long stopDeadlineNanos = Long.MAX_VALUE;
    private Thread writer;

    public InferenceMeter(InferenceLogMapper logs, MeteringProperties properties, HokusaiProperties hokusai,
            JsonMapper json, Clock clock) {
        this.logs = logs;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.spillDir = hokusai.dataDir().resolve("metering-spill");
        this.slots = new Semaphore(properties.bufferCapacity());
    }

    /** A buffer slot held by one predict call; {@link #record} must be called exactly once. */
    public final class Reservation {
        private final AtomicBoolean used = new AtomicBoolean();

        private Reservation() {
        }

        public void record(InferenceLogRecord record) {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("A reservation records one call");
            }
            unwritten.put(record.id(), record);
            queue.add(record);
        }
    }

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
        return Optional.ofNullable(unwritten.get(inferenceLogId)).map(InferenceLogRecord::apiKeyId);
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

    @Override
    public void start() {
        writeSpilled();
        running.set(true);
        writer = new Thread(this::writeLoop, "inference-log-writer");
        writer.start();
    }

    @Override
    public void stop() {
        stopDeadlineNanos = System.nanoTime() + properties.shutdownTimeout().toNanos();
        running.set(false);
        try {
            writer.join(properties.shutdownTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops after the web server (lower phase stops later), so every answered call is in the buffer by then. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void writeLoop() {
        List<InferenceLogRecord> batch = new ArrayList<>(properties.batchSize());
        Duration backoff = FIRST_BACKOFF;
        while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    InferenceLogRecord first = queue.poll(properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    gather(batch);
                }
                queue.drainTo(batch, properties.batchSize() - batch.size());
                logs.insertAll(batch);
                batch.forEach(r -> unwritten.remove(r.id()));
                slots.release(batch.size());
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
        batch.addAll(queue);
        queue.clear();
        if (!batch.isEmpty()) {
            spill(batch);
        }
    }

    /** Lets a batch fill for up to {@code flush-interval}, unless it is full or the server is stopping. */
    private void gather(List<InferenceLogRecord> batch) throws InterruptedException {
        long until = System.nanoTime() + properties.flushInterval().toNanos();
        while (running.get() && batch.size() < properties.batchSize()) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            InferenceLogRecord next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)),
                    TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, properties.batchSize() - batch.size());
            }
        }
    }

    private void spill(List<InferenceLogRecord> records) {
        try {
            Files.createDirectories(spillDir);
            Path file = spillDir.resolve("inference-logs-" + clock.millis() + ".json");
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
                    logs.insertAll(records.subList(i, Math.min(records.size(), i + properties.batchSize())));
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
