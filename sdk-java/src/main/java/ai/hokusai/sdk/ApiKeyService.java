package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.ApiKeysApi;
import ai.hokusai.sdk.model.ApiKeyList;
import java.util.Objects;
import java.util.UUID;

/** The keys that call this API. Every call needs a key with the {@code admin} scope. */
public final class ApiKeyService {

    private final WithRawResponse raw;

    ApiKeyService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /**
     * Issues a key. Not retried after a dropped connection: the spec gives this call no idempotency key, so a
     * resend could issue a second key.
     */
    public CreatedApiKey create(ApiKeyCreateParams params) {
        return raw.create(params).getValue();
    }

    public CreatedApiKey create(ApiKeyCreateParams params, RequestOptions options) {
        return raw.create(params, options).getValue();
    }

    /** Every key, newest first, masked: its prefix, never its secret. */
    public ApiKeyList list() {
        return raw.list().getValue();
    }

    public ApiKeyList list(RequestOptions options) {
        return raw.list(options).getValue();
    }

    /** Revokes the key for good; revoking a revoked key is a no-op. Other server instances refuse it within a second. */
    public void revoke(UUID keyId) {
        raw.revoke(keyId);
    }

    public void revoke(UUID keyId, RequestOptions options) {
        raw.revoke(keyId, options);
    }

    /** {@link ApiKeyService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<CreatedApiKey> create(ApiKeyCreateParams params) {
            return create(params, RequestOptions.none());
        }

        public RawResponse<CreatedApiKey> create(ApiKeyCreateParams params, RequestOptions options) {
            Objects.requireNonNull(params, "params");
            RawResponse<ai.hokusai.sdk.model.ApiKeyCreated> response = transport.send(
                    Operation.CREATE_API_KEY,
                    options,
                    (client, headers, requestId) ->
                            new ApiKeysApi(client).createApiKeyWithHttpInfo(params.toRequest(), requestId, headers));
            return response.withValue(CreatedApiKey.from(response.getValue()));
        }

        public RawResponse<ApiKeyList> list() {
            return list(RequestOptions.none());
        }

        public RawResponse<ApiKeyList> list(RequestOptions options) {
            return transport.send(
                    Operation.LIST_API_KEYS,
                    options,
                    (client, headers, requestId) -> new ApiKeysApi(client).listApiKeysWithHttpInfo(requestId, headers));
        }

        public RawResponse<Void> revoke(UUID keyId) {
            return revoke(keyId, RequestOptions.none());
        }

        public RawResponse<Void> revoke(UUID keyId, RequestOptions options) {
            Objects.requireNonNull(keyId, "keyId");
            return transport.send(
                    Operation.REVOKE_API_KEY,
                    options,
                    (client, headers, requestId) ->
                            new ApiKeysApi(client).revokeApiKeyWithHttpInfo(keyId, requestId, headers));
        }
    }
}
