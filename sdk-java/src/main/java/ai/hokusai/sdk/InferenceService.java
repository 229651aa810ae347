package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.InferenceApi;
import ai.hokusai.sdk.internal.invoker.ApiClient;
import ai.hokusai.sdk.internal.invoker.ApiException;
import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.InferenceRequest;
import ai.hokusai.sdk.model.InferenceResponse;
import ai.hokusai.sdk.model.InferenceServerLive;
import ai.hokusai.sdk.model.InferenceServerMetadata;
import ai.hokusai.sdk.model.InferenceServerReady;
import ai.hokusai.sdk.model.TensorModelMetadata;
import ai.hokusai.sdk.model.TensorModelReady;
import java.io.IOException;
import java.util.Objects;

/**
 * Every model as named tensors, through the Open Inference Protocol (KServe v2) routes: the server's metadata, the
 * tensors a model takes and returns, whether it is ready, and inference. Keys, scope ({@code predict}), limits and metering are those of
 * predictions, and every inference carries an {@code Idempotency-Key}, so the SDK's retries never run it twice.
 */
public final class InferenceService {

    private final WithRawResponse raw;

    InferenceService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and every header. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** The server's name, version and the protocol extensions it supports (none); needs no valid key. */
    public InferenceServerMetadata serverMetadata() {
        return raw.serverMetadata().getValue();
    }

    public InferenceServerMetadata serverMetadata(RequestOptions options) {
        return raw.serverMetadata(options).getValue();
    }

    /** Whether the server takes metadata and inference requests; needs no valid key. */
    public InferenceServerLive live() {
        return raw.live().getValue();
    }

    public InferenceServerLive live(RequestOptions options) {
        return raw.live(options).getValue();
    }

    /**
     * Whether this server takes traffic; a not-ready answer is returned at once ({@code ready} false) rather than
     * retried. Needs no valid key.
     */
    public InferenceServerReady ready() {
        return raw.ready().getValue();
    }

    public InferenceServerReady ready(RequestOptions options) {
        return raw.ready(options).getValue();
    }

    /** The tensors the model (its number or slug) takes and returns, and the live version. */
    public TensorModelMetadata metadata(String model) {
        return raw.metadata(model).getValue();
    }

    public TensorModelMetadata metadata(String model, RequestOptions options) {
        return raw.metadata(model, options).getValue();
    }

    /** As {@link #metadata(String)}, for the deployment with this version. */
    public TensorModelMetadata metadata(String model, String version) {
        return raw.metadata(model, version).getValue();
    }

    public TensorModelMetadata metadata(String model, String version, RequestOptions options) {
        return raw.metadata(model, version, options).getValue();
    }

    /** Whether the model has a live deployment ready to infer. */
    public TensorModelReady modelReady(String model) {
        return raw.modelReady(model).getValue();
    }

    public TensorModelReady modelReady(String model, RequestOptions options) {
        return raw.modelReady(model, options).getValue();
    }

    /** Whether this version of the model is its live deployment, ready to infer. */
    public TensorModelReady modelReady(String model, String version) {
        return raw.modelReady(model, version).getValue();
    }

    public TensorModelReady modelReady(String model, String version, RequestOptions options) {
        return raw.modelReady(model, version, options).getValue();
    }

    /** Runs the model's live deployment on the request's tensors. */
    public InferenceResponse infer(String model, InferenceRequest request) {
        return raw.infer(model, request).getValue();
    }

    public InferenceResponse infer(String model, InferenceRequest request, RequestOptions options) {
        return raw.infer(model, request, options).getValue();
    }

    /** Runs the deployment with this version, when it is the live one. */
    public InferenceResponse infer(String model, String version, InferenceRequest request) {
        return raw.infer(model, version, request).getValue();
    }

    public InferenceResponse infer(String model, String version, InferenceRequest request, RequestOptions options) {
        return raw.infer(model, version, request, options).getValue();
    }

    /** {@link InferenceService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<InferenceServerMetadata> serverMetadata() {
            return serverMetadata(RequestOptions.none());
        }

        public RawResponse<InferenceServerMetadata> serverMetadata(RequestOptions options) {
            return transport.send(
                    Operation.GET_INFERENCE_SERVER_METADATA,
                    options,
                    (client, headers, requestId) ->
                            new InferenceApi(client).getInferenceServerMetadataWithHttpInfo(headers));
        }

        public RawResponse<InferenceServerLive> live() {
            return live(RequestOptions.none());
        }

        public RawResponse<InferenceServerLive> live(RequestOptions options) {
            return transport.send(
                    Operation.GET_INFERENCE_SERVER_LIVE,
                    options,
                    (client, headers, requestId) ->
                            new InferenceApi(client).getInferenceServerLiveWithHttpInfo(headers));
        }

        /** A not-ready answer comes back as a value too, with {@link RawResponse#getStatusCode()} 503. */
        public RawResponse<InferenceServerReady> ready() {
            return ready(RequestOptions.none());
        }

        public RawResponse<InferenceServerReady> ready(RequestOptions options) {
            RequestOptions once = options.toBuilder().maxRetries(0).build();
            return transport.send(Operation.GET_INFERENCE_SERVER_READY, once, (client, headers, requestId) -> {
                try {
                    return new InferenceApi(client).getInferenceServerReadyWithHttpInfo(headers);
                } catch (ApiException failure) {
                    if (failure.getCode() != 503 || failure.getResponseBody() == null) {
                        throw failure;
                    }
                    return new ApiResponse<>(503, failure.getResponseHeaders().map(), readReady(client, failure));
                }
            });
        }

        public RawResponse<TensorModelMetadata> metadata(String model) {
            return metadata(model, RequestOptions.none());
        }

        public RawResponse<TensorModelMetadata> metadata(String model, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            return transport.send(
                    Operation.GET_TENSOR_MODEL_METADATA,
                    options,
                    (client, headers, requestId) ->
                            new InferenceApi(client).getTensorModelMetadataWithHttpInfo(model, requestId, headers));
        }

        public RawResponse<TensorModelMetadata> metadata(String model, String version) {
            return metadata(model, version, RequestOptions.none());
        }

        public RawResponse<TensorModelMetadata> metadata(String model, String version, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(version, "version");
            return transport.send(
                    Operation.GET_TENSOR_MODEL_VERSION_METADATA,
                    options,
                    (client, headers, requestId) -> new InferenceApi(client)
                            .getTensorModelVersionMetadataWithHttpInfo(model, version, requestId, headers));
        }

        public RawResponse<TensorModelReady> modelReady(String model) {
            return modelReady(model, RequestOptions.none());
        }

        public RawResponse<TensorModelReady> modelReady(String model, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            return transport.send(
                    Operation.GET_TENSOR_MODEL_READY,
                    options,
                    (client, headers, requestId) ->
                            new InferenceApi(client).getTensorModelReadyWithHttpInfo(model, requestId, headers));
        }

        public RawResponse<TensorModelReady> modelReady(String model, String version) {
            return modelReady(model, version, RequestOptions.none());
        }

        public RawResponse<TensorModelReady> modelReady(String model, String version, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(version, "version");
            return transport.send(
                    Operation.GET_TENSOR_MODEL_VERSION_READY,
                    options,
                    (client, headers, requestId) -> new InferenceApi(client)
                            .getTensorModelVersionReadyWithHttpInfo(model, version, requestId, headers));
        }

        public RawResponse<InferenceResponse> infer(String model, InferenceRequest request) {
            return infer(model, request, RequestOptions.none());
        }

        public RawResponse<InferenceResponse> infer(String model, InferenceRequest request, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(request, "request");
            // The Idempotency-Key travels in the headers Transport adds; null keeps the generated client from a second.
            return transport.send(
                    Operation.INFER_TENSORS,
                    options,
                    (client, headers, requestId) -> new InferenceApi(client)
                            .inferTensorsWithHttpInfo(model, request, requestId, null, headers));
        }

        public RawResponse<InferenceResponse> infer(String model, String version, InferenceRequest request) {
            return infer(model, version, request, RequestOptions.none());
        }

        public RawResponse<InferenceResponse> infer(
                String model, String version, InferenceRequest request, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(request, "request");
            return transport.send(
                    Operation.INFER_TENSORS_OF_VERSION,
                    options,
                    (client, headers, requestId) -> new InferenceApi(client)
                            .inferTensorsOfVersionWithHttpInfo(model, version, request, requestId, null, headers));
        }

        private static InferenceServerReady readReady(ApiClient client, ApiException failure) throws ApiException {
            try {
                return client.getObjectMapper().readValue(failure.getResponseBody(), InferenceServerReady.class);
            } catch (IOException notReady) {
                throw failure;
            }
        }
    }
}
