package ai.hokusai.server.service;

import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import ai.hokusai.server.persistence.RegistryGenerationMapper;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.AuditTrail;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.security.OperatorAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    private final ModelAccess access;
    private final AuditTrail audit;
    private final SchemaDocumentCheck schemas;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    public ModelRegistration(
            ModelMapper models,
            RegistryGenerationMapper generation,
            ModelRegistry registry,
            ModelAccess access,
            AuditTrail audit,
            SchemaDocumentCheck schemas,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.models = models;
        this.generation = generation;
        this.registry = registry;
        this.access = access;
        this.audit = audit;
        this.schemas = schemas;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * A model to register. {@code inputSchema} and {@code outputSchema} are JSON Schemas as parsed JSON (maps);
     * {@code isPublic} false keeps it to its account.
     */
    public record NewModel(
            String slug,
            String name,
            String ticker,
            String description,
            List<String> tags,
            String task,
            Object inputSchema,
            Object outputSchema,
            int maxBatchSize,
            int cacheTtlSeconds,
            boolean isPublic) {}

    /** Settings to change; null leaves one as it is. {@code isPublic} null keeps the visibility. */
    public record ModelChanges(
            String description, List<String> tags, Integer maxBatchSize, Integer cacheTtlSeconds, Boolean isPublic) {}

    /**
     * Registers a model under the next free public number.
     *
     * @throws InvalidRequestException when a schema is not a usable JSON Schema
     * @throws SlugTakenException      when another model has the slug
     */
    public ResolvedModel register(Caller caller, NewModel model) {
        requireUsableSchemas(model);
        int id = transaction.execute(status -> {
            models.lockRegistrations();
            models.findBySlug(model.slug()).ifPresent(taken -> {
                // Another account's private model is not named, not even by its number.
                boolean visible = caller.canSee(taken.accountId(), ModelRecord.PUBLIC.equals(taken.visibility()));
                throw new SlugTakenException(model.slug(), visible ? taken.id() : null);
            });
            int next = models.nextId();
            models.insertIfAbsent(record(next, model, caller.accountId()));
            audit.record(caller, caller.accountId(), "model.create", "model", next, auditedFields(model));
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
            if (models.insertIfAbsent(record(id, model, OperatorAccount.ID)) == 0) {
                return false;
            }
            audit.record(Caller.system(), OperatorAccount.ID, "model.create", "model", id, auditedFields(model));
            generation.advance();
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model the caller may see answers to
     *     {@code modelRef}
     * @throws NotOwnerException when the model is another account's
     */
    public ResolvedModel update(Caller caller, String modelRef, ModelChanges changes) {
        RegisteredModel model = access.writable(caller, modelRef).model();
        int id = model.id();
        String visibility =
                changes.isPublic() == null ? null : changes.isPublic() ? ModelRecord.PUBLIC : ModelRecord.PRIVATE;
        transaction.executeWithoutResult(status -> {
            models.lockById(id);
            models.updateSettings(
                    id,
                    changes.description(),
                    changes.tags() == null ? null : changes.tags().toArray(String[]::new),
                    changes.maxBatchSize(),
                    changes.cacheTtlSeconds(),
                    visibility);
            Map<String, Object> fields = new LinkedHashMap<>();
            putIfSet(fields, "description", changes.description());
            putIfSet(fields, "tags", changes.tags());
            putIfSet(fields, "max_batch_size", changes.maxBatchSize());
            putIfSet(fields, "cache_ttl_seconds", changes.cacheTtlSeconds());
            putIfSet(fields, "visibility", visibility);
            audit.record(caller, model.ownerAccountId(), "model.update", "model", id, fields);
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
            throw new InvalidRequestException(
                    false,
                    violations.size() == 1
                            ? "The request body is invalid: "
                                    + violations.get(0).pointer() + " "
                                    + violations.get(0).message() + "."
                            : violations.size() + " fields of the request body are invalid.",
                    violations);
        }
    }

    private ModelRecord record(int id, NewModel model, UUID accountId) {
        return new ModelRecord(
                id,
                model.slug(),
                model.name(),
                model.ticker(),
                Optional.ofNullable(model.description()).orElse(""),
                Optional.ofNullable(model.tags()).orElse(List.of()),
                model.task(),
                model.maxBatchSize(),
                model.cacheTtlSeconds(),
                schemaText(model.inputSchema()),
                schemaText(model.outputSchema()),
                null,
                accountId,
                model.isPublic() ? ModelRecord.PUBLIC : ModelRecord.PRIVATE);
    }

    /** What an audit event keeps of a registration: its settings, not its schemas. */
    private static Map<String, Object> auditedFields(NewModel model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", model.slug());
        fields.put("name", model.name());
        fields.put("task", model.task());
        fields.put("max_batch_size", model.maxBatchSize());
        fields.put("cache_ttl_seconds", model.cacheTtlSeconds());
        fields.put("visibility", model.isPublic() ? ModelRecord.PUBLIC : ModelRecord.PRIVATE);
        return fields;
    }

    private static void putIfSet(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private String schemaText(Object schema) {
        return json.writeValueAsString(schema);
    }
}
