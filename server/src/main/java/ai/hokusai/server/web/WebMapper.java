package ai.hokusai.server.web;

import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.web.model.ArtifactFile;
import ai.hokusai.server.web.model.ArtifactStorage;
import ai.hokusai.server.web.model.ArtifactSummary;
import ai.hokusai.server.web.model.Deployment;
import ai.hokusai.server.web.model.Model;
import ai.hokusai.server.web.model.ModelInfo;
import ai.hokusai.server.web.model.ModelVisibility;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps the registry's models and deployments to the generated wire models. */
@Component
public class WebMapper {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private final JsonMapper json;
    /**
     * Schemas as the wire models carry them, parsed and written once per schema text: a model read would otherwise
     * parse its schemas on every call only to write them out again. Read-only, so one copy serves every answer.
     */
    private final Cache<String, Map<String, Object>> schemas =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public WebMapper(JsonMapper json) {
        this.json = json;
    }

    public Model model(ResolvedModel resolved) {
        RegisteredModel m = resolved.model();
        Model model = new Model(
                m.id(),
                m.isPublic() ? ModelVisibility.PUBLIC : ModelVisibility.PRIVATE,
                m.ownerAccountId(),
                m.slug(),
                m.name(),
                m.description(),
                m.tags(),
                m.task(),
                m.maxBatchSize(),
                m.cacheTtlSeconds(),
                schema(m.inputSchemaJson()),
                m.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        model.setTicker(m.ticker());
        if (m.outputSchemaJson() != null) {
            model.setOutputSchema(schema(m.outputSchemaJson()));
        }
        model.setActiveDeploymentId(
                resolved.activeDeployment().map(ModelDeployment::id).orElse(null));
        return model;
    }

    private Map<String, Object> schema(String text) {
        return schemas.get(text, t -> {
            Map<String, Object> parsed = Collections.unmodifiableMap(json.readValue(t, JSON_OBJECT));
            return new RenderedJson(parsed, json.writeValueAsString(parsed));
        });
    }

    public ModelInfo info(ResolvedModel resolved) {
        RegisteredModel m = resolved.model();
        ArtifactStorage storage = resolved.activeDeployment()
                .map(this::storage)
                .orElseGet(() -> new ArtifactStorage(ArtifactStorage.ProviderEnum.BUNDLED, "", false));
        ModelInfo info = new ModelInfo();
        info.setId(m.id());
        info.setModelId(m.id());
        info.setSlug(m.slug());
        info.setName(m.name());
        info.setTask(m.task());
        info.setModelType(m.task());
        info.setStorage(storage);
        info.setArtifact(new ArtifactSummary(
                ArtifactSummary.ProviderEnum.fromValue(storage.getProvider().getValue()), storage.getRequiresToken()));
        info.setAvailable(resolved.activeDeployment().isPresent());
        info.setMaxBatchSize(m.maxBatchSize());
        info.setCacheTtlSeconds(m.cacheTtlSeconds());
        resolved.activeDeployment().ifPresent(d -> {
            info.setDeploymentId(d.id());
            info.setModelVersion(d.version());
        });
        return info;
    }

    public Deployment deployment(ModelDeployment d) {
        Deployment deployment = new Deployment(
                d.id(),
                d.modelId(),
                d.version(),
                storage(d),
                d.runtime(),
                Deployment.StatusEnum.fromValue(d.status()),
                Deployment.LoadStatusEnum.fromValue(d.loadStatus()),
                d.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        deployment.setFailureReason(d.failureReason());
        deployment.setRevision(d.revision());
        if (d.files() != null) {
            deployment.setFiles(d.files().stream()
                    .map(f -> new ArtifactFile(f.name(), f.size(), f.sha256()))
                    .toList());
        }
        deployment.setLoadTimeMs(d.loadTimeMs());
        deployment.setLoadedAt(d.loadedAt() == null ? null : d.loadedAt().withOffsetSameInstant(ZoneOffset.UTC));
        return deployment;
    }

    private ArtifactStorage storage(ModelDeployment d) {
        ArtifactStorage.ProviderEnum provider = ArtifactStorage.ProviderEnum.fromValue(d.artifactProvider());
        return new ArtifactStorage(
                provider, d.artifactLocation(), provider == ArtifactStorage.ProviderEnum.HUGGINGFACE);
    }
}
