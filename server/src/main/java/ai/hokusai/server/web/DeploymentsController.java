package ai.hokusai.server.web;

import java.util.UUID;

import ai.hokusai.server.service.ModelCatalogService;
import ai.hokusai.server.web.api.DeploymentsApi;
import ai.hokusai.server.web.model.Deployment;
import ai.hokusai.server.web.model.DeploymentList;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DeploymentsController implements DeploymentsApi {

    private final ModelCatalogService catalog;
    private final WebMapper mapper;

    public DeploymentsController(ModelCatalogService catalog, WebMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @Override
    public ResponseEntity<Deployment> getDeployment(UUID deploymentId, String xRequestId) {
        return Deprecations.okWithDeprecatedFields(mapper.deployment(catalog.deployment(deploymentId)));
    }

    @Override
    public ResponseEntity<DeploymentList> listModelDeployments(String modelRef, String xRequestId) {
        return Deprecations.okWithDeprecatedFields(new DeploymentList(catalog.deployments(modelRef).stream()
                .map(mapper::deployment).toList()));
    }
}
