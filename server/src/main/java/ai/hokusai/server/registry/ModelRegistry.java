package ai.hokusai.server.registry;

import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which model a reference names and which deployment of it is live. The one resolver behind every
 * {@code /api/v1/models/{modelRef}/…} route. Resolutions are cached for {@code hokusai.registry-cache-ttl} so the
 * predict path does not read the registry on every call, and {@link #refreshAll()} (run when any instance changed
 * the registry, see {@link RegistryWatcher}) replaces them in place, so a warm path never waits for the database.
 */
@Component
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelMapper models;
    private final DeploymentMapper deployments;
    private final Cache<ModelRef, ResolvedModel> resolutions;
    private final LoadedModelCache loadedModels;

    public ModelRegistry(
            ModelMapper models,
            DeploymentMapper deployments,
            HokusaiProperties properties,
            LoadedModelCache loadedModels) {
        this.models = models;
        this.deployments = deployments;
        this.loadedModels = loadedModels;
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
        if (resolved != null && resolved.activeDeployment().isEmpty()) {
            // A model that cannot serve is read again rather than refused from the cache: a deployment activated a
            // moment ago (on any instance) serves at once. This costs only requests that would otherwise fail.
            resolved = load(parsed);
            if (resolved != null) {
                resolutions.put(parsed, resolved);
            }
        }
        if (resolved == null) {
            throw new ModelNotFoundException(ref);
        }
        return resolved;
    }

    /**
     * Models with an id above {@code afterId}, each with its live deployment: two queries for the whole page.
     *
     * @param visibleTo only public models and this account's; every model when null
     */
    public List<ResolvedModel> listAfter(Integer afterId, UUID visibleTo, int limit) {
        List<ModelRecord> page = models.listAfter(afterId, visibleTo, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Integer, ModelDeployment> active =
                deployments
                        .findActiveByModelIds(page.stream().map(ModelRecord::id).toList())
                        .stream()
                        .map(ModelDeployment::of)
                        .collect(Collectors.toMap(ModelDeployment::modelId, Function.identity()));
        return page.stream()
                .map(m -> new ResolvedModel(RegisteredModel.of(m), Optional.ofNullable(active.get(m.id()))))
                .toList();
    }

    public List<ModelDeployment> deploymentsOf(int modelId) {
        return deployments.listByModelId(modelId).stream()
                .map(ModelDeployment::of)
                .toList();
    }

    public ModelDeployment deployment(UUID id) {
        return deployments.findById(id).map(ModelDeployment::of).orElseThrow(() -> new DeploymentNotFoundException(id));
    }

    /**
     * Reads every cached resolution again and swaps each in. A model whose live deployment changed has the new one
     * loaded first, while the old one keeps serving, so the switch costs no request a wait or a failure.
     */
    public synchronized void refreshAll() {
        for (Map.Entry<ModelRef, ResolvedModel> cached : resolutions.asMap().entrySet()) {
            ResolvedModel fresh = load(cached.getKey());
            if (fresh == null) {
                resolutions.invalidate(cached.getKey());
                continue;
            }
            Optional<ModelDeployment> live = fresh.activeDeployment();
            if (live.isPresent()
                    && !live.map(ModelDeployment::id)
                            .equals(cached.getValue().activeDeployment().map(ModelDeployment::id))) {
                warm(fresh);
            }
            resolutions.put(cached.getKey(), fresh);
        }
    }

    /** Drops every cached resolution of the model, so the next request reads the registry. */
    public void forget(int modelId) {
        resolutions.asMap().entrySet().removeIf(e -> e.getValue().model().id() == modelId);
    }

    private void warm(ResolvedModel resolved) {
        try {
            loadedModels.warm(resolved.liveArtifact());
        } catch (RuntimeException e) {
            log.warn(
                    "Deployment {} of model {} could not be loaded ahead of serving it: {}",
                    resolved.activeDeployment().map(ModelDeployment::id).orElse(null),
                    resolved.model().id(),
                    e.getMessage());
        }
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
        return model.map(m -> new ResolvedModel(
                        RegisteredModel.of(m),
                        deployments.findActiveByModelId(m.id()).map(ModelDeployment::of)))
                .orElse(null);
    }
}
