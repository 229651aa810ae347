package ai.hokusai.server.service;

import ai.hokusai.server.persistence.IdempotencyMapper;
import ai.hokusai.server.persistence.IdempotencyRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Executes a request at most once per (API key, {@code Idempotency-Key}) and replays its stored answer to retries.
 * The claim is one {@code INSERT … ON CONFLICT}, so of two concurrent requests exactly one executes; the other waits
 * for its answer (up to {@code wait-in-progress}) or is told to retry. Only successful answers are stored: a failed
 * request gives its key back.
 */
@Service
public class IdempotencyService {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyService.class);
    private static final long POLL_MILLIS = 20;

    private final IdempotencyMapper records;
    private final IdempotencyProperties properties;
    private final Clock clock;

    public IdempotencyService(IdempotencyMapper records, IdempotencyProperties properties, Clock clock) {
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    /** An answer as stored and replayed. */
    public record StoredResponse(int status, String body) {}

    /** The answer, and whether it was replayed from an earlier request. */
    public record Result(StoredResponse response, boolean replayed) {}

    /**
     * @param fingerprint what makes two requests "the same": the operation and its canonical body
     * @throws IdempotencyConflictException when the key was used for another request, or its first request is still
     *                                      running after the wait
     */
    public Result execute(UUID keyId, String key, String fingerprint, Supplier<StoredResponse> action) {
        byte[] hash = sha256(fingerprint);
        long deadline = System.nanoTime() + properties.waitInProgress().toNanos();
        while (true) {
            if (claim(keyId, key, hash)) {
                return new Result(run(keyId, key, action), false);
            }
            Optional<IdempotencyRecord> existing = records.find(keyId, key);
            if (existing.isPresent()) {
                IdempotencyRecord record = existing.get();
                if (!Arrays.equals(record.requestHash(), hash)) {
                    throw IdempotencyConflictException.reused(key);
                }
                if (record.completed()) {
                    return new Result(new StoredResponse(record.responseStatus(), record.responseBody()), true);
                }
            }
            // Absent: the holder failed and gave the key back, so claim it again. Running: wait for its answer.
            if (System.nanoTime() > deadline) {
                throw IdempotencyConflictException.inProgress(key);
            }
            pause();
        }
    }

    /** Forgets answers older than the retention period. */
    @Scheduled(fixedDelayString = "${hokusai.idempotency.cleanup-interval:10m}")
    public void deleteExpired() {
        try {
            int deleted = records.deleteCreatedBefore(OffsetDateTime.now(clock).minus(properties.retention()));
            if (deleted > 0) {
                log.info("Deleted {} expired idempotency records", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete expired idempotency records: {}", e.getMessage());
        }
    }

    private boolean claim(UUID keyId, String key, byte[] hash) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return records.claim(keyId, key, hash, now.minus(properties.retention()), now.minus(properties.abandonAfter()))
                == 1;
    }

    private StoredResponse run(UUID keyId, String key, Supplier<StoredResponse> action) {
        StoredResponse response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            release(keyId, key);
            throw e;
        }
        records.complete(keyId, key, response.status(), response.body());
        return response;
    }

    private void release(UUID keyId, String key) {
        try {
            records.release(keyId, key);
        } catch (RuntimeException e) {
            // The claim then lapses after abandon-after; the original failure is what the caller must see.
            log.warn("Could not release Idempotency-Key of key {}: {}", keyId, e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a concurrent request", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
