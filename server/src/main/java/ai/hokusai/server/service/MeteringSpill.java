package ai.hokusai.server.service;

import ai.hokusai.server.persistence.InferenceLogColumns;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.InferenceLogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inference logs the database could not take before a shutdown, kept as JSON files in {@code <data-dir>/metering-spill}
 * and written at the next start. The log lines are {@link InferenceMeter}'s: operators search for them there.
 */
final class MeteringSpill {

    private static final Logger log = LoggerFactory.getLogger(InferenceMeter.class);

    private final Path spillDir;
    private final InferenceLogMapper logs;
    private final int batchSize;
    private final JsonMapper json;
    private final Clock clock;

    MeteringSpill(Path spillDir, InferenceLogMapper logs, int batchSize, JsonMapper json, Clock clock) {
        this.spillDir = spillDir;
        this.logs = logs;
        this.batchSize = batchSize;
        this.json = json;
        this.clock = clock;
    }

    /** Saves what a writer could not write before shutdown. */
    void save(List<InferenceLogRecord> records, int writer) {
        try {
            Files.createDirectories(spillDir);
            Path file = spillDir.resolve("inference-logs-" + clock.millis() + "-" + writer + ".json");
            json.writeValue(file.toFile(), records);
            log.error(
                    "The database could not be reached at shutdown: {} inference logs were saved to {} and will be "
                            + "written at the next start",
                    records.size(),
                    file);
        } catch (IOException | RuntimeException e) {
            log.error("{} inference logs could neither be written nor saved: {}", records.size(), e.getMessage());
        }
    }

    /** Writes what the last shutdown saved, and deletes each file once its records are in. */
    void writeBack() {
        if (!Files.isDirectory(spillDir)) {
            return;
        }
        try (var files = Files.list(spillDir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                List<InferenceLogRecord> records = List.of(json.readValue(file.toFile(), InferenceLogRecord[].class));
                for (int i = 0; i < records.size(); i += batchSize) {
                    logs.insertColumns(
                            InferenceLogColumns.of(records.subList(i, Math.min(records.size(), i + batchSize))));
                }
                Files.delete(file);
                log.info("Wrote {} inference logs saved at the last shutdown", records.size());
            }
        } catch (IOException e) {
            log.error(
                    "Could not read the inference logs saved at the last shutdown from {}: {}",
                    spillDir,
                    e.getMessage());
        }
    }
}
