package ai.hokusai.server.persistence;

import java.time.LocalDate;

/** One row of a usage report: successful calls of one key on one UTC day for one model. */
public record UsageCountRecord(LocalDate day, int modelId, long requests, long predictions) {
}
