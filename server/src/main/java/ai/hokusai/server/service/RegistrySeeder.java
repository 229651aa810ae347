package ai.hokusai.server.service;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.security.Caller;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ensures the models of {@code registry/seed-models.json} exist, registered and deployed through the same
 * {@link ModelRegistration} and {@link DeploymentService} as any model registered through the API. A seeded model's
 * schemas are not retyped: they are the spec components the seed names (e.g. {@code LeadScoringInput}), so the
 * registry and the contract cannot disagree. Existing models are left as they are.
 *
 * <p>Start-up waits until each seeded deployment it created is loaded (and activated, if the seed says so), so an
 * instance never reports ready while a seeded model cannot serve; an instance that finds another one loading a seeded
 * deployment waits for it too.
 */
@Component
@DependsOn("flywayInitializer")
public class RegistrySeeder implements InitializingBean {

    public static final String SEED_LOCATION = "registry/seed-models.json";
    private static final Logger log = LoggerFactory.getLogger(RegistrySeeder.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ModelRegistration registration;
    private final DeploymentService deploymentService;
    private final DeploymentMapper deployments;
    private final ApiSpecDocument spec;
    private final JsonMapper json;

    public RegistrySeeder(
            ModelRegistration registration,
            DeploymentService deploymentService,
            DeploymentMapper deployments,
            ApiSpecDocument spec,
            JsonMapper json) {
        this.registration = registration;
        this.deploymentService = deploymentService;
        this.deployments = deployments;
        this.spec = spec;
        this.json = json;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        for (SeedModel seed : readSeeds()) {
            seed(seed);
        }
    }

    /** The seed entries, as published for the docs' model catalogue too. */
    public List<SeedModel> readSeeds() {
        try (InputStream in = RegistrySeeder.class.getClassLoader().getResourceAsStream(SEED_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(SEED_LOCATION + " is not on the classpath");
            }
            return json.readValue(in, new TypeReference<List<SeedModel>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Schema (draft 2020-12) of a spec component a seed names, e.g. a seeded model's input. */
    public Map<String, Object> schemaOf(String ref) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(spec.resolve(ref));
        return schema;
    }

    private void seed(SeedModel seed) throws InterruptedException {
        boolean registered = registration.registerIfAbsent(
                seed.id(),
                new ModelRegistration.NewModel(
                        seed.slug(),
                        seed.name(),
                        seed.ticker(),
                        seed.description(),
                        seed.tags(),
                        seed.task(),
                        schemaOf(seed.inputSchema()),
                        schemaOf(seed.outputSchema()),
                        seed.maxBatchSize(),
                        seed.cacheTtlSeconds(),
                        true));
        if (registered) {
            log.info("Seeded model {} ({}) into the registry", seed.id(), seed.slug());
        }
        for (SeedModel.SeedDeployment d : seed.deployments()) {
            if (deployments.findById(d.id()).isEmpty()) {
                try {
                    DeploymentService.Created created = deploymentService.deploy(
                            Caller.system(),
                            String.valueOf(seed.id()),
                            new DeploymentService.NewDeployment(
                                    d.id(),
                                    d.version(),
                                    d.runtime(),
                                    new DeploymentService.ArtifactLocation(
                                            d.artifact().provider(),
                                            d.artifact().location()),
                                    DeploymentRecord.ACTIVE.equals(d.status())));
                    awaitLoad(d.id(), created);
                    continue;
                } catch (VersionTakenException e) {
                    // Another instance starting at the same moment deployed it first.
                }
            }
            awaitLoadElsewhere(d.id());
        }
    }

    private void awaitLoad(UUID id, DeploymentService.Created created) throws InterruptedException {
        try {
            String status = created.loading().get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Seeded deployment {} is {}", id, status);
        } catch (ExecutionException | TimeoutException e) {
            log.error("Seeded deployment {} did not load: {}", id, e.getMessage());
        }
    }

    /** Another instance created the deployment and may still be loading it: wait until it settles. */
    private void awaitLoadElsewhere(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String status =
                    deployments.findById(id).map(DeploymentRecord::loadStatus).orElse(DeploymentRecord.FAILED);
            if (DeploymentRecord.READY.equals(status) || DeploymentRecord.FAILED.equals(status)) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        log.error("Seeded deployment {} is still loading after {}", id, LOAD_TIMEOUT);
    }

    /** One entry of the seed file. */
    public record SeedModel(
            int id,
            String slug,
            String name,
            String ticker,
            String description,
            List<String> tags,
            String task,
            @JsonProperty("max_batch_size") int maxBatchSize,
            @JsonProperty("cache_ttl_seconds") int cacheTtlSeconds,
            @JsonProperty("input_schema") String inputSchema,
            @JsonProperty("output_schema") String outputSchema,
            @JsonProperty("example_request") String exampleRequest,
            List<SeedDeployment> deployments) {

        public record SeedDeployment(UUID id, String version, String runtime, Artifact artifact, String status) {}

        public record Artifact(String provider, String location) {}
    }
}
