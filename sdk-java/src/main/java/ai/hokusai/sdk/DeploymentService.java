package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.DeploymentsApi;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.DeploymentList;
import java.util.Objects;
import java.util.UUID;

/** Deployments: the versions of a model's artifact that can serve it. */
public final class DeploymentService {

    private final Transport transport;

    DeploymentService(Transport transport) {
        this.transport = transport;
    }

    /** All deployments of the model, newest first; at most one is active. */
    public DeploymentList list(String modelRef) {
        return list(modelRef, RequestOptions.none());
    }

    public DeploymentList list(String modelRef, RequestOptions options) {
        Objects.requireNonNull(modelRef, "modelRef");
        return transport.send(Operation.LIST_MODEL_DEPLOYMENTS, options, (client, headers, requestId) ->
                new DeploymentsApi(client).listModelDeploymentsWithHttpInfo(modelRef, requestId, headers)).getData();
    }

    public Deployment get(UUID deploymentId) {
        return get(deploymentId, RequestOptions.none());
    }

    public Deployment get(UUID deploymentId, RequestOptions options) {
        Objects.requireNonNull(deploymentId, "deploymentId");
        return transport.send(Operation.GET_DEPLOYMENT, options, (client, headers, requestId) ->
                new DeploymentsApi(client).getDeploymentWithHttpInfo(deploymentId, requestId, headers)).getData();
    }
}
