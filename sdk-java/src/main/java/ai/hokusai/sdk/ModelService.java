package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.ModelsApi;
import ai.hokusai.sdk.internal.api.UsageApi;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelCreateRequest;
import ai.hokusai.sdk.model.ModelHealth;
import ai.hokusai.sdk.model.ModelInfo;
import ai.hokusai.sdk.model.ModelList;
import ai.hokusai.sdk.model.ModelUsageReport;
import java.util.Objects;

/**
 * The model registry. A model reference ({@code modelRef}) is the public model number ({@code "21"}), the
 * slug ({@code "lscor-v2"}) or the UUID of one of the model's deployments.
 */
public final class ModelService {

    private final WithRawResponse raw;

    ModelService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** The first page of models, ordered by model number. */
    public ModelList list() {
        return raw.list().getValue();
    }

    public ModelList list(ModelListParams params) {
        return raw.list(params).getValue();
    }

    public ModelList list(ModelListParams params, RequestOptions options) {
        return raw.list(params, options).getValue();
    }

    /** Every model, from {@code params}' page on, fetching each further page when the iteration reaches it. */
    public Iterable<Model> listAll(ModelListParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        return CursorPages.of(
                params,
                page -> {
                    ModelList list = list(page, options);
                    return new CursorPages.Page<>(list.getData(), list.getHasMore(), list.getNextCursor());
                },
                ModelListParams::withCursor);
    }

    public Iterable<Model> listAll() {
        return listAll(ModelListParams.builder().build(), RequestOptions.none());
    }

    public Model get(String modelRef) {
        return raw.get(modelRef).getValue();
    }

    public Model get(String modelRef, RequestOptions options) {
        return raw.get(modelRef, options).getValue();
    }

    /**
     * Registers a model (scope {@code models:write}); the server gives it the next public model number. It serves
     * nothing until a deployment of it is activated ({@link DeploymentService#create}).
     */
    public Model create(ModelCreateRequest model) {
        return raw.create(model).getValue();
    }

    public Model create(ModelCreateRequest model, RequestOptions options) {
        return raw.create(model, options).getValue();
    }

    /**
     * Changes a model's description, tags, batch limit, cache duration or visibility (scope {@code models:write}).
     * Only the model's own account may: another account's public model answers {@code 403 forbidden}.
     */
    public Model update(String modelRef, ModelUpdateParams changes) {
        return raw.update(modelRef, changes).getValue();
    }

    public Model update(String modelRef, ModelUpdateParams changes, RequestOptions options) {
        return raw.update(modelRef, changes, options).getValue();
    }

    /** The facts to know before predicting: availability, artifact storage, batch limit. */
    public ModelInfo info(String modelRef) {
        return raw.info(modelRef).getValue();
    }

    public ModelInfo info(String modelRef, RequestOptions options) {
        return raw.info(modelRef, options).getValue();
    }

    /** Whether the model's artifact is loaded, without loading it. */
    public ModelHealth health(String modelRef) {
        return raw.health(modelRef).getValue();
    }

    /** Loads the model's artifact if needed, so the next prediction pays no loading cost. */
    public ModelHealth warmUp(String modelRef) {
        return raw.warmUp(modelRef).getValue();
    }

    public ModelHealth health(String modelRef, boolean warmUp, RequestOptions options) {
        return raw.health(modelRef, warmUp, options).getValue();
    }

    /**
     * For the model's own account: its predict calls per UTC day and per calling account over the last 30 UTC days
     * (requests, failed requests, inputs scored, latency; never inputs or outputs). Another account's public model
     * answers {@code 403 forbidden}.
     */
    public ModelUsageReport usage(String modelRef) {
        return raw.usage(modelRef).getValue();
    }

    public ModelUsageReport usage(String modelRef, ModelUsageParams params) {
        return raw.usage(modelRef, params).getValue();
    }

    public ModelUsageReport usage(String modelRef, ModelUsageParams params, RequestOptions options) {
        return raw.usage(modelRef, params, options).getValue();
    }

    /** {@link ModelService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<ModelList> list() {
            return list(ModelListParams.builder().build(), RequestOptions.none());
        }

        public RawResponse<ModelList> list(ModelListParams params) {
            return list(params, RequestOptions.none());
        }

        public RawResponse<ModelList> list(ModelListParams params, RequestOptions options) {
            Objects.requireNonNull(params, "params");
            return transport.send(
                    Operation.LIST_MODELS,
                    options,
                    (client, headers, requestId) -> new ModelsApi(client)
                            .listModelsWithHttpInfo(
                                    params.getLimit().orElse(null),
                                    params.getCursor().orElse(null),
                                    requestId,
                                    headers));
        }

        public RawResponse<Model> get(String modelRef) {
            return get(modelRef, RequestOptions.none());
        }

        public RawResponse<Model> get(String modelRef, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            return transport.send(
                    Operation.GET_MODEL,
                    options,
                    (client, headers, requestId) ->
                            new ModelsApi(client).getModelWithHttpInfo(modelRef, requestId, headers));
        }

        public RawResponse<Model> create(ModelCreateRequest model) {
            return create(model, RequestOptions.none());
        }

        public RawResponse<Model> create(ModelCreateRequest model, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            return transport.send(
                    Operation.CREATE_MODEL,
                    options,
                    (client, headers, requestId) ->
                            new ModelsApi(client).createModelWithHttpInfo(model, requestId, headers));
        }

        public RawResponse<Model> update(String modelRef, ModelUpdateParams changes) {
            return update(modelRef, changes, RequestOptions.none());
        }

        public RawResponse<Model> update(String modelRef, ModelUpdateParams changes, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            Objects.requireNonNull(changes, "changes");
            return transport.send(
                    Operation.UPDATE_MODEL,
                    options,
                    (client, headers, requestId) -> new ModelsApi(client)
                            .updateModelWithHttpInfo(modelRef, changes.toRequest(), requestId, headers));
        }

        public RawResponse<ModelInfo> info(String modelRef) {
            return info(modelRef, RequestOptions.none());
        }

        public RawResponse<ModelInfo> info(String modelRef, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            return transport.send(
                    Operation.GET_MODEL_INFO,
                    options,
                    (client, headers, requestId) ->
                            new ModelsApi(client).getModelInfoWithHttpInfo(modelRef, requestId, headers));
        }

        public RawResponse<ModelHealth> health(String modelRef) {
            return health(modelRef, false, RequestOptions.none());
        }

        public RawResponse<ModelHealth> warmUp(String modelRef) {
            return health(modelRef, true, RequestOptions.none());
        }

        public RawResponse<ModelHealth> health(String modelRef, boolean warmUp, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            return transport.send(
                    Operation.GET_MODEL_HEALTH,
                    options,
                    (client, headers, requestId) ->
                            new ModelsApi(client).getModelHealthWithHttpInfo(modelRef, warmUp, requestId, headers));
        }

        public RawResponse<ModelUsageReport> usage(String modelRef) {
            return usage(modelRef, ModelUsageParams.builder().build(), RequestOptions.none());
        }

        public RawResponse<ModelUsageReport> usage(String modelRef, ModelUsageParams params) {
            return usage(modelRef, params, RequestOptions.none());
        }

        public RawResponse<ModelUsageReport> usage(String modelRef, ModelUsageParams params, RequestOptions options) {
            Objects.requireNonNull(modelRef, "modelRef");
            Objects.requireNonNull(params, "params");
            return transport.send(
                    Operation.GET_MODEL_USAGE,
                    options,
                    (client, headers, requestId) -> new UsageApi(client)
                            .getModelUsageWithHttpInfo(
                                    modelRef,
                                    params.getFrom().orElse(null),
                                    params.getTo().orElse(null),
                                    requestId,
                                    headers));
        }
    }
}
