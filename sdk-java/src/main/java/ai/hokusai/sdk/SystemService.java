package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.SystemApi;
import ai.hokusai.sdk.internal.invoker.ApiClient;
import ai.hokusai.sdk.internal.invoker.ApiException;
import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.ApiIndex;
import ai.hokusai.sdk.model.HealthStatus;
import java.io.IOException;

/** The server's index, its probes and its OpenAPI document; none of these needs a valid key. */
public final class SystemService {

    private final WithRawResponse raw;

    SystemService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id and every header. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /**
     * The server's index: its name and version, and links (paths relative to the base URL) to its docs, its OpenAPI
     * document, its probes and the base of the keyed API.
     */
    public ApiIndex index() {
        return raw.index().getValue();
    }

    public ApiIndex index(RequestOptions options) {
        return raw.index(options).getValue();
    }

    /** {@code UP} while the server process runs. */
    public HealthStatus liveness() {
        return raw.liveness().getValue();
    }

    public HealthStatus liveness(RequestOptions options) {
        return raw.liveness(options).getValue();
    }

    /**
     * {@code UP} when the server can take traffic, {@code DOWN} (with the failing checks) when it cannot.
     * A probe reports the state now, so a {@code DOWN} answer is returned at once rather than retried.
     */
    public HealthStatus readiness() {
        return raw.readiness().getValue();
    }

    public HealthStatus readiness(RequestOptions options) {
        return raw.readiness(options).getValue();
    }

    /** The OpenAPI document (YAML) that this SDK, the server and the docs are generated from. */
    public String openApiDocument() {
        return raw.openApiDocument().getValue();
    }

    public String openApiDocument(RequestOptions options) {
        return raw.openApiDocument(options).getValue();
    }

    /** {@link SystemService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<ApiIndex> index() {
            return index(RequestOptions.none());
        }

        public RawResponse<ApiIndex> index(RequestOptions options) {
            return transport.send(
                    Operation.GET_API_INDEX,
                    options,
                    (client, headers, requestId) -> new SystemApi(client).getApiIndexWithHttpInfo(headers));
        }

        public RawResponse<HealthStatus> liveness() {
            return liveness(RequestOptions.none());
        }

        public RawResponse<HealthStatus> liveness(RequestOptions options) {
            return transport.send(
                    Operation.GET_LIVENESS,
                    options,
                    (client, headers, requestId) -> new SystemApi(client).getLivenessWithHttpInfo(headers));
        }

        /** A {@code DOWN} answer comes back as a value too, with {@link RawResponse#getStatusCode()} 503. */
        public RawResponse<HealthStatus> readiness() {
            return readiness(RequestOptions.none());
        }

        public RawResponse<HealthStatus> readiness(RequestOptions options) {
            RequestOptions once = options.toBuilder().maxRetries(0).build();
            return transport.send(Operation.GET_READINESS, once, (client, headers, requestId) -> {
                try {
                    return new SystemApi(client).getReadinessWithHttpInfo(headers);
                } catch (ApiException failure) {
                    if (failure.getCode() != 503 || failure.getResponseBody() == null) {
                        throw failure;
                    }
                    return new ApiResponse<>(503, failure.getResponseHeaders().map(), readHealth(client, failure));
                }
            });
        }

        public RawResponse<String> openApiDocument() {
            return openApiDocument(RequestOptions.none());
        }

        public RawResponse<String> openApiDocument(RequestOptions options) {
            return transport.send(
                    Operation.GET_OPEN_API_DOCUMENT,
                    options,
                    (client, headers, requestId) -> new SystemApi(client).getOpenApiDocumentWithHttpInfo(headers));
        }

        private static HealthStatus readHealth(ApiClient client, ApiException failure) throws ApiException {
            try {
                return client.getObjectMapper().readValue(failure.getResponseBody(), HealthStatus.class);
            } catch (IOException notHealth) {
                throw failure;
            }
        }
    }
}
