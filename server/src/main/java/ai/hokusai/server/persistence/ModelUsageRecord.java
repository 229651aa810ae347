package ai.hokusai.server.persistence;

import java.time.LocalDate;
import java.util.UUID;

/** One calling account's predict calls of one model on one UTC day: counts and latency, never payloads. */
public record ModelUsageRecord(
        LocalDate day,
        UUID accountId,
        long requests,
        long failedRequests,
        long predictions,
        long tokens,
        double latencyMsMean,
        double latencyMsP95) {}
