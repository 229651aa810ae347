package ai.hokusai.server.security;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The caller behind an authenticated request, with what it may do and how often. Carries no secret.
 *
 * @param rateLimitPerMinute null when the key has no per-minute limit
 * @param expiresAt          null when the key never expires; checked on every cached use
 */
public record ApiKeyPrincipal(UUID keyId, String prefix, String name, Set<String> scopes,
        Integer rateLimitPerMinute, int rateLimitPerHour, OffsetDateTime expiresAt) {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    /** An {@code admin} key holds every scope. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope) || scopes.contains(ApiKeyService.SCOPE_ADMIN);
    }

    public boolean isAdmin() {
        return scopes.contains(ApiKeyService.SCOPE_ADMIN);
    }
}
