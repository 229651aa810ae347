package ai.hokusai.server.service;

import java.time.LocalDate;

/** Successful calls of one key on one UTC day for one model, and the predictions they returned. */
public record DailyUsage(LocalDate day, int modelId, long requests, long predictions) {
}
