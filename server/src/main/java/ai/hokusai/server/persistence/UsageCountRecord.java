package ai.hokusai.server.persistence;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of a usage report: successful calls on one UTC day for one model, of one key ({@code keyId}, null in a
 * report of one key, where it is that key).
 */
public record UsageCountRecord(LocalDate day, int modelId, long requests, long predictions, long tokens, UUID keyId) {}
