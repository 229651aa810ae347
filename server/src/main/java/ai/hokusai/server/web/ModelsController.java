package ai.hokusai.server.web;

import java.time.ZoneOffset;

import ai.hokusai.server.service.ModelCatalogService;
import ai.hokusai.server.web.api.ModelsApi;
import ai.hokusai.server.web.model.Model;
import ai.hokusai.server.web.model.ModelHealth;
import ai.hokusai.server.web.model.ModelInfo;
import ai.hokusai.server.web.model.ModelList;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ModelsController implements ModelsApi {

    private final ModelCatalogService catalog;
    private final WebMapper mapper;

    public ModelsController(ModelCatalogService catalog, WebMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @Override
    public ResponseEntity<ModelList> listModels(Integer limit, String cursor, String xRequestId) {
        ModelCatalogService.ModelPage page = catalog.list(limit, cursor);
        ModelList list = new ModelList(page.models().stream().map(mapper::model).toList(), page.nextCursor() != null);
        list.setNextCursor(page.nextCursor());
        return ResponseEntity.ok(list);
    }

    @Override
    public ResponseEntity<Model> getModel(String modelRef, String xRequestId) {
        return ResponseEntity.ok(mapper.model(catalog.get(modelRef)));
    }

    @Override
    public ResponseEntity<ModelInfo> getModelInfo(String modelRef, String xRequestId) {
        return Deprecations.okWithDeprecatedFields(mapper.info(catalog.get(modelRef)));
    }

    @Override
    public ResponseEntity<ModelHealth> getModelHealth(String modelRef, Boolean warmup, String xRequestId) {
        ModelCatalogService.Health health = catalog.health(modelRef, Boolean.TRUE.equals(warmup));
        ModelHealth body = new ModelHealth(health.model().model().id(),
                ModelHealth.StatusEnum.fromValue(health.status()), health.cached(), health.cached());
        body.setDeploymentId(health.model().activeDeployment().map(d -> d.id()).orElse(null));
        body.setLoadedAt(health.loadedAt() == null ? null : health.loadedAt().atOffset(ZoneOffset.UTC));
        body.setDetail(health.detail());
        return ResponseEntity.ok(body);
    }
}
