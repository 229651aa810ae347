package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;

/** A row of {@code models}; {@code inputSchemaJson} is the model's input JSON Schema as text. */
public record ModelRecord(
        int id,
        String slug,
        String name,
        String ticker,
        String description,
        List<String> tags,
        String task,
        int maxBatchSize,
        int cacheTtlSeconds,
        String inputSchemaJson,
        OffsetDateTime createdAt) {

    public ModelRecord {
        tags = List.copyOf(tags);
    }

    /** MyBatis maps {@code text[]} to {@code String[]}. */
    public ModelRecord(int id, String slug, String name, String ticker, String description, String[] tags, String task,
            int maxBatchSize, int cacheTtlSeconds, String inputSchemaJson, OffsetDateTime createdAt) {
        this(id, slug, name, ticker, description, List.of(tags), task, maxBatchSize, cacheTtlSeconds, inputSchemaJson,
                createdAt);
    }

    public String[] tagArray() {
        return tags.toArray(String[]::new);
    }
}
