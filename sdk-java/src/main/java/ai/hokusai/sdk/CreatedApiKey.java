package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import ai.hokusai.sdk.model.ApiKey;
import ai.hokusai.sdk.model.ApiKeyCreated;

/**
 * A key just issued: the key as {@link ApiKeyService#list()} will show it, and its secret, which the server
 * returns this once. Store the secret now; {@link #toString()} leaves it out so it cannot leak into logs.
 */
public final class CreatedApiKey extends ApiResult<ApiKey> {

    private final String secret;

    private CreatedApiKey(ApiKey key, String secret, ApiResult<ApiKeyCreated> result) {
        super(key, result.getRequestId(), result.getRateLimit().orElse(null));
        this.secret = secret;
    }

    static CreatedApiKey from(ApiResponse<ApiKeyCreated> response) {
        ApiKeyCreated created = response.getData();
        ApiKey key = new ApiKey().id(created.getId()).prefix(created.getPrefix()).name(created.getName())
                .scopes(created.getScopes()).rateLimitPerMinute(created.getRateLimitPerMinute())
                .rateLimitPerHour(created.getRateLimitPerHour()).createdAt(created.getCreatedAt())
                .lastUsedAt(created.getLastUsedAt()).expiresAt(created.getExpiresAt()).revokedAt(created.getRevokedAt());
        return new CreatedApiKey(key, created.getKey(), ApiResult.of(response));
    }

    /** The secret key ({@code hk_live_…} or {@code hk_test_…}) to send as {@code Authorization: Bearer}. */
    public String getSecret() {
        return secret;
    }
}
