package ai.hokusai.sdk;

import ai.hokusai.sdk.model.ApiKey;
import ai.hokusai.sdk.model.ApiKeyCreated;

/**
 * A key just issued: the key as {@link ApiKeyService#list()} will show it, and its secret, which the server
 * returns this once. Store the secret now; {@link #toString()} leaves it out so it cannot leak into logs.
 */
public final class CreatedApiKey {

    private final ApiKey key;
    private final String secret;

    private CreatedApiKey(ApiKey key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    static CreatedApiKey from(ApiKeyCreated created) {
        ApiKey key = new ApiKey()
                .id(created.getId())
                .accountId(created.getAccountId())
                .platformAdmin(created.getPlatformAdmin())
                .prefix(created.getPrefix())
                .name(created.getName())
                .scopes(created.getScopes())
                .rateLimitPerMinute(created.getRateLimitPerMinute())
                .rateLimitPerHour(created.getRateLimitPerHour())
                .createdAt(created.getCreatedAt())
                .lastUsedAt(created.getLastUsedAt())
                .expiresAt(created.getExpiresAt())
                .revokedAt(created.getRevokedAt());
        return new CreatedApiKey(key, created.getKey());
    }

    /** The key, masked, as listings show it: id, account, prefix, name, scopes, limits and dates. */
    public ApiKey getKey() {
        return key;
    }

    /** The secret key ({@code hk_live_…} or {@code hk_test_…}) to send as {@code Authorization: Bearer}. */
    public String getSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return "CreatedApiKey{key=" + key + "}";
    }
}
