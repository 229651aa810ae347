package ai.hokusai.server.registry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Which model a reference names and which deployment of it is live. The one resolver behind every
 * {@code /api/v1/models/{modelRef}/…} route. Resolutions are cached for {@code hokusai.registry-cache-ttl} so the
 * predict path does not read the registry on every call.
 */
@Component
public class ModelRegistry {

    private final ModelMapper models;
    private final DeploymentMapper deployments;
    private final Cache<ModelRef, ResolvedModel> resolutions;

    public ModelRegistry(ModelMapper models, DeploymentMapper deployments, HokusaiProperties properties) {
        this.models = models;
        this.deployments = deployments;
        this.resolutions = Caffeine.newBuilder()
                .expireAfterWrite(properties.registryCacheTtl())
                .maximumSize(10_000)
                .build();
    }

    /**
     * @throws ModelNotFoundException when no model answers to {@code ref}
     */
    public ResolvedModel resolve(String ref) {
        ModelRef parsed;
        try {
            parsed = ModelRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ModelNotFoundException(ref);
        }
        ResolvedModel resolved = resolutions.get(parsed, this::load);
        if (resolved == null) {
            throw new ModelNotFoundException(ref);
        }
        return resolved;
    }

    /** Models with an id above {@code afterId}, each with its live deployment: two queries for the whole page. */
    public List<ResolvedModel> listAfter(Integer afterId, int limit) {
        List<ModelRecord> page = models.listAfter(afterId, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Integer, ModelDeployment> active = deployments.findActiveByModelIds(
                page.stream().map(ModelRecord::id).toList()).stream()
                .map(ModelDeployment::of)
                .collect(Collectors.toMap(ModelDeployment::modelId, Function.identity()));
        return page.stream().map(m -> new ResolvedModel(RegisteredModel.of(m), Optional.ofNullable(active.get(m.id()))))
                .toList();
    }

    public List<ModelDeployment> deploymentsOf(int modelId) {
        return deployments.listByModelId(modelId).stream().map(ModelDeployment::of).toList();
    }

    public ModelDeployment deployment(UUID id) {
        return deployments.findById(id).map(ModelDeployment::of)
                .orElseThrow(() -> new DeploymentNotFoundException(id));
    }

    private ResolvedModel load(ModelRef ref) {
        Optional<ModelRecord> model;
        if (ref instanceof ModelRef.ModelNumber number) {
            model = models.findById(number.id());
        } else if (ref instanceof ModelRef.Slug slug) {
            model = models.findBySlug(slug.slug());
        } else {
            model = models.findByDeploymentId(((ModelRef.DeploymentUuid) ref).deploymentId());
        }
        // Caffeine does not cache a null, so an unknown reference is looked up again next time.
        return model.map(m -> new ResolvedModel(RegisteredModel.of(m),
                deployments.findActiveByModelId(m.id()).map(ModelDeployment::of))).orElse(null);
    }
}
