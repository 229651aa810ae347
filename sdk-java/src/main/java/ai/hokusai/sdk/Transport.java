package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiClient;
import ai.hokusai.sdk.internal.invoker.ApiException;
import ai.hokusai.sdk.internal.invoker.ApiResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends one facade call through the generated client: the generated code owns routes, parameters and
 * JSON; this class adds the key, the User-Agent and the idempotency key, the per-call timeout and
 * retries, and turns failures into {@link ai.hokusai.sdk.exception.HokusaiException}s.
 */
final class Transport {

    /** One generated operation, given a client scoped to this call and the headers to send. */
    @FunctionalInterface
    interface Call<T> {
        ApiResponse<T> send(ApiClient client, Map<String, String> headers, String requestId) throws ApiException;
    }

    private final String baseUrl;
    private final HttpClient httpClient;
    private final String apiKey;
    private final Duration timeout;
    private final int maxRetries;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final ObjectMapper mapper = new SdkObjectMapper();
    private final ErrorMapper errors = new ErrorMapper(mapper);
    private final DeprecationWarnings deprecations = new DeprecationWarnings();

    Transport(
            String baseUrl,
            HttpClient httpClient,
            String apiKey,
            Duration timeout,
            int maxRetries,
            RetryPolicy retryPolicy,
            Sleeper sleeper) {
        this.baseUrl = baseUrl;
        this.httpClient = httpClient;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends {@code operation}. An operation that takes an {@code Idempotency-Key} always carries one, so a retry
     * after a lost response is never run twice.
     */
    <T> RawResponse<T> send(Operation operation, RequestOptions options, Call<T> call) {
        Objects.requireNonNull(options, "options");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + options.getApiKey().orElse(apiKey));
        headers.put("User-Agent", SdkVersion.USER_AGENT);
        if (operation.takesIdempotencyKey()) {
            headers.put(
                    "Idempotency-Key",
                    options.getIdempotencyKey()
                            .orElseGet(() -> UUID.randomUUID().toString()));
        }
        RetryingHttpClient retrying = new RetryingHttpClient(
                httpClient, retryPolicy, sleeper, options.getMaxRetries().orElse(maxRetries), operation.replayable());
        ApiClient client = new CallScopedApiClient(retrying, mapper, baseUrl);
        client.setReadTimeout(options.getTimeout().orElse(timeout));
        try {
            RawResponse<T> response = RawResponse.of(
                    call.send(client, headers, options.getRequestId().orElse(null)));
            deprecations.check(operation, response);
            return response;
        } catch (ApiException failure) {
            throw errors.map(failure, operation);
        }
    }

    /**
     * The generated API classes take their HTTP client and mapper from an {@link ApiClient}, which would
     * build a new {@link HttpClient} and copy the mapper for every call; this one hands out shared ones.
     */
    private static final class CallScopedApiClient extends ApiClient {

        private final HttpClient httpClient;

        CallScopedApiClient(HttpClient httpClient, ObjectMapper mapper, String baseUrl) {
            super(HttpClient.newBuilder(), mapper, baseUrl);
            this.httpClient = httpClient;
        }

        @Override
        public HttpClient getHttpClient() {
            return httpClient;
        }

        @Override
        public ObjectMapper getObjectMapper() {
            return mapper;
        }
    }
}
