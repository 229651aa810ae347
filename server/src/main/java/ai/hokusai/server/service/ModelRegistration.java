package ai.hokusai.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import ai.hokusai.server.persistence.RegistryGenerationMapper;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.ResolvedModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering a model and changing its serving settings. Every registration takes this path, the models seeded at
 * start-up included; each change moves the registry's generation forward in its own transaction, so every instance
 * picks it up.
 */
@Service
public class ModelRegistration {

    private final ModelMapper models;
    private final RegistryGenerationMapper generation;
    private final ModelRegistry registry;
    private final SchemaDocumentCheck schemas;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    public ModelRegistration(ModelMapper models, RegistryGenerationMapper generation, ModelRegistry registry,
            SchemaDocumentCheck schemas, TransactionTemplate transaction, JsonMapper json) {
        this.models = models;
        this.generation = generation;
        this.registry = registry;
        this.schemas = schemas;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * A model to register. {@code inputSchema} and {@code outputSchema} are JSON Schemas as parsed JSON (maps).
     */
    public record NewModel(String slug, String name, String ticker, String description, List<String> tags,
            String task, Object inputSchema, Object outputSchema, int maxBatchSize, int cacheTtlSeconds) {
    }

    /** Settings to change; null leaves one as it is. */
    public record ModelChanges(String description, List<String> tags, Integer maxBatchSize, Integer cacheTtlSeconds) {
    }

    /**
     * Registers a model under the next free public number.
     *
     * @throws InvalidRequestException when a schema is not a usable JSON Schema
     * @throws SlugTakenException      when another model has the slug
     */
    public ResolvedModel register(NewModel model) {
        requireUsableSchemas(model);
        int id = transaction.execute(status -> {
            models.lockRegistrations();
            models.findBySlug(model.slug()).ifPresent(taken -> {
                throw new SlugTakenException(model.slug(), taken.id());
            });
            int next = models.nextId();
            models.insertIfAbsent(record(next, model));
            generation.advance();
            return next;
        });
        return registry.resolve(String.valueOf(id));
    }

    /**
     * Registers a model under a number fixed beforehand (a seeded model), unless a model has that number already.
     *
     * @return whether this call registered it
     */
    public boolean registerIfAbsent(int id, NewModel model) {
        requireUsableSchemas(model);
        Boolean inserted = transaction.execute(status -> {
            models.lockRegistrations();
            if (models.insertIfAbsent(record(id, model)) == 0) {
                return false;
            }
            generation.advance();
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model answers to {@code modelRef}
     */
    public ResolvedModel update(String modelRef, ModelChanges changes) {
        int id = registry.resolve(modelRef).model().id();
        transaction.executeWithoutResult(status -> {
            models.lockById(id);
            models.updateSettings(id, changes.description(),
                    changes.tags() == null ? null : changes.tags().toArray(String[]::new), changes.maxBatchSize(),
                    changes.cacheTtlSeconds());
            generation.advance();
        });
        registry.refreshAll();
        return registry.resolve(modelRef);
    }

    private void requireUsableSchemas(NewModel model) {
        List<FieldViolation> violations = new ArrayList<>();
        violations.addAll(schemas.check(model.inputSchema(), "/input_schema", true));
        violations.addAll(schemas.check(model.outputSchema(), "/output_schema", false));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(false, violations.size() == 1
                    ? "The request body is invalid: " + violations.get(0).pointer() + " " + violations.get(0).message()
                            + "."
                    : violations.size() + " fields of the request body are invalid.", violations);
        }
    }

    private ModelRecord record(int id, NewModel model) {
        return new ModelRecord(id, model.slug(), model.name(), model.ticker(),
                Optional.ofNullable(model.description()).orElse(""), Optional.ofNullable(model.tags()).orElse(List.of()),
                model.task(), model.maxBatchSize(), model.cacheTtlSeconds(), schemaText(model.inputSchema()),
                schemaText(model.outputSchema()), null);
    }

    private String schemaText(Object schema) {
        return json.writeValueAsString(schema);
    }
}
