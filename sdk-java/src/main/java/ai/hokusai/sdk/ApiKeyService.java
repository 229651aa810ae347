package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.ApiKeysApi;
import ai.hokusai.sdk.model.ApiKeyList;
import java.util.Objects;
import java.util.UUID;

/** The keys that call this API. Every call needs a key with the {@code admin} scope. */
public final class ApiKeyService {

    private final Transport transport;

    ApiKeyService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Issues a key. Not retried after a dropped connection: the spec gives this call no idempotency key, so a
     * resend could issue a second key.
     */
    public CreatedApiKey create(ApiKeyCreateParams params) {
        return create(params, RequestOptions.none());
    }

    public CreatedApiKey create(ApiKeyCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return CreatedApiKey.from(transport.send(Operation.CREATE_API_KEY, options, (client, headers, requestId) ->
                new ApiKeysApi(client).createApiKeyWithHttpInfo(params.toRequest(), requestId, headers)));
    }

    /** Every key, newest first, masked: its prefix, never its secret. */
    public ApiResult<ApiKeyList> list() {
        return list(RequestOptions.none());
    }

    public ApiResult<ApiKeyList> list(RequestOptions options) {
        return ApiResult.of(transport.send(Operation.LIST_API_KEYS, options, (client, headers, requestId) ->
                new ApiKeysApi(client).listApiKeysWithHttpInfo(requestId, headers)));
    }

    /** Revokes the key for good; revoking a revoked key is a no-op. Other server instances refuse it within a second. */
    public ApiResult<Void> revoke(UUID keyId) {
        return revoke(keyId, RequestOptions.none());
    }

    public ApiResult<Void> revoke(UUID keyId, RequestOptions options) {
        Objects.requireNonNull(keyId, "keyId");
        return ApiResult.of(transport.send(Operation.REVOKE_API_KEY, options, (client, headers, requestId) ->
                new ApiKeysApi(client).revokeApiKeyWithHttpInfo(keyId, requestId, headers)));
    }
}
