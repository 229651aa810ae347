package ai.hokusai.server.web;

import ai.hokusai.server.service.DeploymentService;
import ai.hokusai.server.service.ModelCatalogService;
import ai.hokusai.server.web.api.DeploymentsApi;
import ai.hokusai.server.web.model.Deployment;
import ai.hokusai.server.web.model.DeploymentCreateRequest;
import ai.hokusai.server.web.model.DeploymentList;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DeploymentsController implements DeploymentsApi {

    private final ModelCatalogService catalog;
    private final DeploymentService deployments;
    private final WebMapper mapper;
    private final HttpServletRequest request;

    public DeploymentsController(
            ModelCatalogService catalog, DeploymentService deployments, WebMapper mapper, HttpServletRequest request) {
        this.catalog = catalog;
        this.deployments = deployments;
        this.mapper = mapper;
        this.request = request;
    }

    @Override
    public ResponseEntity<Deployment> getDeployment(UUID deploymentId, String xRequestId) {
        return Deprecations.withDeprecatedFields(
                HttpStatus.OK, mapper.deployment(catalog.deployment(ApiKeyFilter.caller(request), deploymentId)));
    }

    @Override
    public ResponseEntity<DeploymentList> listModelDeployments(String modelRef, String xRequestId) {
        return Deprecations.withDeprecatedFields(
                HttpStatus.OK,
                new DeploymentList(catalog.deployments(ApiKeyFilter.caller(this.request), modelRef).stream()
                        .map(mapper::deployment)
                        .toList()));
    }

    @Override
    public ResponseEntity<Deployment> createDeployment(
            String modelRef, DeploymentCreateRequest request, String xRequestId) {
        DeploymentService.Created created = deployments.deploy(
                ApiKeyFilter.caller(this.request),
                modelRef,
                new DeploymentService.NewDeployment(
                        null,
                        request.getVersion(),
                        request.getRuntime(),
                        DeploymentService.parseArtifactUri(request.getArtifactUri()),
                        Boolean.TRUE.equals(request.getActivate())));
        return Deprecations.withDeprecatedFields(HttpStatus.ACCEPTED, mapper.deployment(created.deployment()));
    }

    @Override
    public ResponseEntity<Deployment> activateDeployment(UUID deploymentId, String xRequestId) {
        return Deprecations.withDeprecatedFields(
                HttpStatus.OK, mapper.deployment(deployments.activate(ApiKeyFilter.caller(request), deploymentId)));
    }

    @Override
    public ResponseEntity<Void> retireDeployment(UUID deploymentId, String xRequestId) {
        deployments.retire(ApiKeyFilter.caller(request), deploymentId);
        return ResponseEntity.noContent().build();
    }
}
