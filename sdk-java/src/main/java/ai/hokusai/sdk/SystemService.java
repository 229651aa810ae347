package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.SystemApi;
import ai.hokusai.sdk.internal.invoker.ApiException;
import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.HealthStatus;
import java.io.IOException;

/** The server's probes and its OpenAPI document; none of these needs a valid key. */
public final class SystemService {

    private final Transport transport;

    SystemService(Transport transport) {
        this.transport = transport;
    }

    /** {@code UP} while the server process runs. */
    public HealthStatus liveness() {
        return liveness(RequestOptions.none());
    }

    public HealthStatus liveness(RequestOptions options) {
        return transport.send(Operation.GET_LIVENESS, options, (client, headers, requestId) ->
                new SystemApi(client).getLivenessWithHttpInfo(headers)).getData();
    }

    /**
     * {@code UP} when the server can take traffic, {@code DOWN} (with the failing checks) when it cannot.
     * A probe reports the state now, so a {@code DOWN} answer is returned at once rather than retried.
     */
    public HealthStatus readiness() {
        return readiness(RequestOptions.none());
    }

    public HealthStatus readiness(RequestOptions options) {
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
        }).getData();
    }

    /** The OpenAPI document (YAML) that this SDK, the server and the docs are generated from. */
    public String openApiDocument() {
        return openApiDocument(RequestOptions.none());
    }

    public String openApiDocument(RequestOptions options) {
        return transport.send(Operation.GET_OPEN_API_DOCUMENT, options, (client, headers, requestId) ->
                new SystemApi(client).getOpenApiDocumentWithHttpInfo(headers)).getData();
    }

    private static HealthStatus readHealth(ai.hokusai.sdk.internal.invoker.ApiClient client, ApiException failure)
            throws ApiException {
        try {
            return client.getObjectMapper().readValue(failure.getResponseBody(), HealthStatus.class);
        } catch (IOException notHealth) {
            throw failure;
        }
    }
}
