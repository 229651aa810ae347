package ai.hokusai.server.web;

import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.service.ModelCatalogService;
import ai.hokusai.server.service.ModelRegistration;
import ai.hokusai.server.web.api.ModelsApi;
import ai.hokusai.server.web.model.Model;
import ai.hokusai.server.web.model.ModelCreateRequest;
import ai.hokusai.server.web.model.ModelHealth;
import ai.hokusai.server.web.model.ModelInfo;
import ai.hokusai.server.web.model.ModelList;
import ai.hokusai.server.web.model.ModelUpdateRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ModelsController implements ModelsApi {

    private final ModelCatalogService catalog;
    private final ModelRegistration registration;
    private final WebMapper mapper;
    private final HttpServletRequest request;

    public ModelsController(
            ModelCatalogService catalog, ModelRegistration registration, WebMapper mapper, HttpServletRequest request) {
        this.catalog = catalog;
        this.registration = registration;
        this.mapper = mapper;
        this.request = request;
    }

    @Override
    public ResponseEntity<Model> createModel(ModelCreateRequest request, String xRequestId) {
        ResolvedModel registered = registration.register(
                ApiKeyFilter.caller(this.request),
                new ModelRegistration.NewModel(
                        request.getSlug(),
                        request.getName(),
                        request.getTicker(),
                        request.getDescription(),
                        list(request.getTags()),
                        request.getTask(),
                        request.getInputSchema(),
                        request.getOutputSchema(),
                        Objects.requireNonNullElse(request.getMaxBatchSize(), 100),
                        Objects.requireNonNullElse(request.getCacheTtlSeconds(), 3600),
                        request.getVisibility() == ModelCreateRequest.VisibilityEnum.PUBLIC));
        return ResponseEntity.status(HttpStatus.CREATED).body(mapper.model(registered));
    }

    @Override
    public ResponseEntity<Model> updateModel(String modelRef, ModelUpdateRequest request, String xRequestId) {
        return ResponseEntity.ok(mapper.model(registration.update(
                ApiKeyFilter.caller(this.request),
                modelRef,
                new ModelRegistration.ModelChanges(
                        request.getDescription(),
                        request.getTags() == null ? null : list(request.getTags()),
                        request.getMaxBatchSize(),
                        request.getCacheTtlSeconds(),
                        request.getVisibility() == null
                                ? null
                                : request.getVisibility() == ModelUpdateRequest.VisibilityEnum.PUBLIC))));
    }

    private static List<String> list(Set<String> tags) {
        return tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public ResponseEntity<ModelList> listModels(Integer limit, String cursor, String xRequestId) {
        ModelCatalogService.ModelPage page = catalog.list(ApiKeyFilter.caller(request), limit, cursor);
        ModelList list = new ModelList(page.models().stream().map(mapper::model).toList(), page.nextCursor() != null);
        list.setNextCursor(page.nextCursor());
        return ResponseEntity.ok(list);
    }

    @Override
    public ResponseEntity<Model> getModel(String modelRef, String xRequestId) {
        return ResponseEntity.ok(mapper.model(catalog.get(ApiKeyFilter.caller(request), modelRef)));
    }

    @Override
    public ResponseEntity<ModelInfo> getModelInfo(String modelRef, String xRequestId) {
        return Deprecations.withDeprecatedFields(
                HttpStatus.OK, mapper.info(catalog.get(ApiKeyFilter.caller(request), modelRef)));
    }

    @Override
    public ResponseEntity<ModelHealth> getModelHealth(String modelRef, Boolean warmup, String xRequestId) {
        ModelCatalogService.Health health =
                catalog.health(ApiKeyFilter.caller(request), modelRef, Boolean.TRUE.equals(warmup));
        ModelHealth body = new ModelHealth(
                health.model().model().id(),
                ModelHealth.StatusEnum.fromValue(health.status()),
                health.cached(),
                health.cached());
        body.setDeploymentId(health.model().activeDeployment().map(d -> d.id()).orElse(null));
        body.setLoadedAt(health.loadedAt() == null ? null : health.loadedAt().atOffset(ZoneOffset.UTC));
        body.setRevision(health.revision());
        return ResponseEntity.ok(body);
    }
}
