package ai.hokusai.server.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.ModelRecord;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.ModelUnavailableException;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.runtime.ArtifactLoadException;
import ai.hokusai.server.runtime.LoadedModelCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The predict use case: resolve the model, validate every input, run the live deployment. */
@Service
public class PredictionService {

    private static final Logger log = LoggerFactory.getLogger(PredictionService.class);

    private final ModelRegistry registry;
    private final InputValidator validator;
    private final LoadedModelCache loadedModels;

    public PredictionService(ModelRegistry registry, InputValidator validator, LoadedModelCache loadedModels) {
        this.registry = registry;
        this.validator = validator;
        this.loadedModels = loadedModels;
    }

    /** The outcome of one predict call; {@code predictions} is a map for one input, a list for a batch. */
    public record Prediction(ModelRecord model, DeploymentRecord deployment, String modelVersion, Object predictions,
            int batchSize, double latencyMs, OffsetDateTime timestamp) {
    }

    /**
     * @param inputs one input object (a map) or a batch (a list of maps), as parsed from the request body
     */
    public Prediction predict(String modelRef, Object inputs) {
        ResolvedModel resolved = registry.resolve(modelRef);
        ModelRecord model = resolved.model();
        boolean batch = inputs instanceof List<?>;
        List<Map<String, Object>> batchInputs = validatedInputs(model, inputs);
        DeploymentRecord deployment = resolved.requireActiveDeployment();
        LoadedModelCache.Entry loaded = load(model, deployment);

        long started = System.nanoTime();
        List<Map<String, Object>> predictions = loaded.model().predict(batchInputs);
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        return new Prediction(model, deployment, loaded.model().version(), batch ? predictions : predictions.get(0),
                batchInputs.size(), latencyMs, OffsetDateTime.now(ZoneOffset.UTC));
    }

    LoadedModelCache.Entry load(ModelRecord model, DeploymentRecord deployment) {
        try {
            return loadedModels.get(new LoadedModelCache.Artifact(deployment.id(), deployment.runtime(),
                    deployment.artifactProvider(), deployment.artifactLocation(),
                    Duration.ofSeconds(model.cacheTtlSeconds())));
        } catch (ArtifactLoadException e) {
            log.error("Deployment {} of model {} failed to load: {}", deployment.id(), model.id(), e.getMessage(), e);
            throw new ModelUnavailableException("Model " + model.id() + " cannot be loaded right now.", e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> validatedInputs(ModelRecord model, Object inputs) {
        if (inputs == null) {
            throw InvalidRequestException.envelope("/inputs", "is required");
        }
        if (inputs instanceof Map<?, ?> single) {
            requireValid(validator.validate(model, single, "/inputs"));
            return List.of((Map<String, Object>) single);
        }
        if (!(inputs instanceof List<?> list)) {
            throw InvalidRequestException.envelope("/inputs", "must be an input object or an array of input objects");
        }
        if (list.isEmpty()) {
            throw InvalidRequestException.envelope("/inputs", "must hold at least 1 input");
        }
        if (list.size() > model.maxBatchSize()) {
            throw new BatchTooLargeException(model.id(), list.size(), model.maxBatchSize());
        }
        List<FieldViolation> violations = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map<?, ?> map) {
                violations.addAll(validator.validate(model, map, "/inputs/" + i));
                batch.add((Map<String, Object>) map);
            } else {
                violations.add(new FieldViolation("/inputs/" + i, "must be an input object"));
            }
        }
        requireValid(violations);
        return batch;
    }

    private static void requireValid(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            String detail = violations.size() == 1 ? "1 field of the input is invalid."
                    : violations.size() + " fields of the input are invalid.";
            throw new InvalidRequestException(true, detail, violations);
        }
    }
}
