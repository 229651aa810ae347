package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code models}; {@code inputSchemaJson} and {@code outputSchemaJson} are the model's JSON Schemas as text
 * (the output schema may be null for a model registered before it was recorded). {@code accountId} owns the model;
 * {@code visibility} is {@value #PUBLIC} or {@value #PRIVATE}.
 */
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
        String outputSchemaJson,
        OffsetDateTime createdAt,
        UUID accountId,
        String visibility) {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    public ModelRecord {
        tags = List.copyOf(tags);
    }

    /** MyBatis maps {@code text[]} to {@code String[]}. */
    public ModelRecord(
            int id,
            String slug,
            String name,
            String ticker,
            String description,
            String[] tags,
            String task,
            int maxBatchSize,
            int cacheTtlSeconds,
            String inputSchemaJson,
            String outputSchemaJson,
            OffsetDateTime createdAt,
            UUID accountId,
            String visibility) {
        this(
                id,
                slug,
                name,
                ticker,
                description,
                List.of(tags),
                task,
                maxBatchSize,
                cacheTtlSeconds,
                inputSchemaJson,
                outputSchemaJson,
                createdAt,
                accountId,
                visibility);
    }

    /** A public model of the operator's account without an output schema. */
    public ModelRecord(
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
        this(
                id,
                slug,
                name,
                ticker,
                description,
                tags,
                task,
                maxBatchSize,
                cacheTtlSeconds,
                inputSchemaJson,
                null,
                createdAt,
                AccountRecord.OPERATOR_ACCOUNT_ID,
                PUBLIC);
    }

    public String[] tagArray() {
        return tags.toArray(String[]::new);
    }
}
