package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.DeploymentsApi;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.DeploymentCreateRequest;
import ai.hokusai.sdk.model.DeploymentList;
import java.util.Objects;
import java.util.UUID;

/** Deployments: the versions of a model's artifact that can serve it. */
public final class DeploymentService {

    private final WithRawResponse raw;

    DeploymentService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** All deployments of the model, newest first; at most one is active. */
    public DeploymentList list(String modelRef) {
        return raw.list(modelRef).getValue();
    }

    public DeploymentList list(String modelRef, RequestOptions options) {
        return raw.list(modelRef, options).getValue();
    }

    public Deployment get(UUID deploymentId) {
        return raw.get(deploymentId).getValue();
    }

    public Deployment get(UUID deploymentId, RequestOptions options) {
        return raw.get(deploymentId, options).getValue();
    }

    /**
     * Deploys a version of a model (scope {@code models:write}). The answer comes at once with
     * {@code load_status: pending}; follow the load with {@link #get(UUID)} until it is {@code ready} or
     * {@code failed}.
     */
    public Deployment create(String modelRef, DeploymentCreateRequest deployment) {
        return raw.create(modelRef, deployment).getValue();
    }

    public Deployment create(String modelRef, DeploymentCreateRequest deployment, RequestOptions options) {
        return raw.create(modelRef, deployment, options).getValue();
    }

    /**
     * Makes a ready deployment the one that serves its model (scope {@code models:write}); the one it replaces stays
     * ready, so activating that again is the rollback.
     */
    public Deployment activate(UUID deploymentId) {
        return raw.activate(deploymentId).getValue();
    }

    public Deployment activate(UUID deploymentId, RequestOptions options) {
        return raw.activate(deploymentId, options).getValue();
    }

    /** Retires a deployment that is not active (scope {@code models:write}); it answers 404 from then on. */
    public void retire(UUID deploymentId) {
        raw.retire(deploymentId);
    }

    public void retire(UUID deploymentId, RequestOptions options) {
        raw.retire(deploymentId, options);
    }

    /** {@link DeploymentService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<DeploymentList> list(String modelRef) {
            return list(modelRef, RequestOptions.none());
        }

        public RawResponse<DeploymentList> list(String modelRef, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            return transport.send(
                    Operation.LIST_MODEL_DEPLOYMENTS,
                    options,
                    (client, headers, requestId) ->
                            new DeploymentsApi(client).listModelDeploymentsWithHttpInfo(modelRef, requestId, headers));
        }

        public RawResponse<Deployment> get(UUID deploymentId) {
            return get(deploymentId, RequestOptions.none());
        }

        public RawResponse<Deployment> get(UUID deploymentId, RequestOptions options) {
            Objects.requireNonNull(deploymentId, "deploymentId");
            return transport.send(
                    Operation.GET_DEPLOYMENT,
                    options,
                    (client, headers, requestId) ->
                            new DeploymentsApi(client).getDeploymentWithHttpInfo(deploymentId, requestId, headers));
        }

        public RawResponse<Deployment> create(String modelRef, DeploymentCreateRequest deployment) {
            return create(modelRef, deployment, RequestOptions.none());
        }

        public RawResponse<Deployment> create(
                String modelRef, DeploymentCreateRequest deployment, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            Objects.requireNonNull(deployment, "deployment");
            return transport.send(
                    Operation.CREATE_DEPLOYMENT,
                    options,
                    (client, headers, requestId) -> new DeploymentsApi(client)
                            .createDeploymentWithHttpInfo(modelRef, deployment, requestId, headers));
        }

        public RawResponse<Deployment> activate(UUID deploymentId) {
            return activate(deploymentId, RequestOptions.none());
        }

        public RawResponse<Deployment> activate(UUID deploymentId, RequestOptions options) {
            Objects.requireNonNull(deploymentId, "deploymentId");
            return transport.send(
                    Operation.ACTIVATE_DEPLOYMENT,
                    options,
                    (client, headers, requestId) -> new DeploymentsApi(client)
                            .activateDeploymentWithHttpInfo(deploymentId, requestId, headers));
        }

        public RawResponse<Void> retire(UUID deploymentId) {
            return retire(deploymentId, RequestOptions.none());
        }

        public RawResponse<Void> retire(UUID deploymentId, RequestOptions options) {
            Objects.requireNonNull(deploymentId, "deploymentId");
            return transport.send(
                    Operation.RETIRE_DEPLOYMENT,
                    options,
                    (client, headers, requestId) ->
                            new DeploymentsApi(client).retireDeploymentWithHttpInfo(deploymentId, requestId, headers));
        }
    }
}
