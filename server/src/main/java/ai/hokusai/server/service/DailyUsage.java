package ai.hokusai.server.service;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Successful calls on one UTC day for one model, and the predictions they returned; {@code keyId} names the key in an
 * account's report, and is null in a report of one key.
 */
public record DailyUsage(LocalDate day, int modelId, long requests, long predictions, long tokens, UUID keyId) {}
