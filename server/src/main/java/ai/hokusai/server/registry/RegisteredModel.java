package ai.hokusai.server.registry;

import ai.hokusai.server.persistence.ModelRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A model as the registry knows it; {@code inputSchemaJson} and {@code outputSchemaJson} are its JSON Schemas as text
 * (the output schema null when none was recorded). It belongs to {@code ownerAccountId}; only that account's keys see
 * it unless it {@code isPublic}.
 */
public record RegisteredModel(
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
        UUID ownerAccountId,
        boolean isPublic) {

    public RegisteredModel {
        tags = List.copyOf(tags);
    }

    static RegisteredModel of(ModelRecord row) {
        return new RegisteredModel(
                row.id(),
                row.slug(),
                row.name(),
                row.ticker(),
                row.description(),
                row.tags(),
                row.task(),
                row.maxBatchSize(),
                row.cacheTtlSeconds(),
                row.inputSchemaJson(),
                row.outputSchemaJson(),
                row.createdAt(),
                row.accountId(),
                ModelRecord.PUBLIC.equals(row.visibility()));
    }
}
