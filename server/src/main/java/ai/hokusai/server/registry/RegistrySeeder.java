package ai.hokusai.server.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ensures the models of {@code registry/seed-models.json} exist. A seeded model's input schema is not retyped: it
 * is the spec component the seed names (e.g. {@code LeadScoringInput}), so the registry and the contract cannot
 * disagree. Existing rows are left as they are.
 */
@Component
@DependsOn("flywayInitializer")
public class RegistrySeeder implements InitializingBean {

    public static final String SEED_LOCATION = "registry/seed-models.json";
    private static final Logger log = LoggerFactory.getLogger(RegistrySeeder.class);

    private final ModelMapper models;
    private final DeploymentMapper deployments;
    private final ApiSpecDocument spec;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    public RegistrySeeder(ModelMapper models, DeploymentMapper deployments, ApiSpecDocument spec,
            TransactionTemplate transaction, JsonMapper json) {
        this.models = models;
        this.deployments = deployments;
        this.spec = spec;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> readSeeds().forEach(this::seed));
    }

    /** The seed entries, as published for the docs' model catalogue too. */
    public List<SeedModel> readSeeds() {
        try (InputStream in = RegistrySeeder.class.getClassLoader().getResourceAsStream(SEED_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(SEED_LOCATION + " is not on the classpath");
            }
            return json.readValue(in, new TypeReference<List<SeedModel>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Schema (draft 2020-12) of a seeded model's input, taken from the spec. */
    public String inputSchemaOf(SeedModel seed) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(spec.resolve(seed.inputSchema()));
        return json.writeValueAsString(schema);
    }

    private void seed(SeedModel seed) {
        int inserted = models.insertIfAbsent(new ModelRecord(seed.id(), seed.slug(), seed.name(), seed.ticker(),
                seed.description(), seed.tags(), seed.task(), seed.maxBatchSize(), seed.cacheTtlSeconds(),
                inputSchemaOf(seed), null));
        for (SeedModel.SeedDeployment d : seed.deployments()) {
            inserted += deployments.insertIfAbsent(new DeploymentRecord(d.id(), seed.id(), d.version(),
                    d.artifact().provider(), d.artifact().location(), d.runtime(), d.status(), null));
        }
        if (inserted > 0) {
            log.info("Seeded model {} ({}) into the registry", seed.id(), seed.slug());
        }
    }

    /** One entry of the seed file. */
    public record SeedModel(
            int id, String slug, String name, String ticker, String description, List<String> tags, String task,
            @JsonProperty("max_batch_size") int maxBatchSize,
            @JsonProperty("cache_ttl_seconds") int cacheTtlSeconds,
            @JsonProperty("input_schema") String inputSchema,
            @JsonProperty("output_schema") String outputSchema,
            @JsonProperty("example_request") String exampleRequest,
            List<SeedDeployment> deployments) {

        public record SeedDeployment(UUID id, String version, String runtime, Artifact artifact, String status) {
        }

        public record Artifact(String provider, String location) {
        }
    }
}
