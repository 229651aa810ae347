package ai.hokusai.server.security;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The caller behind an authenticated request, with what it may do and how often. Carries no secret.
 *
 * @param accountId          the account the key belongs to
 * @param rateLimitPerMinute null when the key has no per-minute limit
 * @param expiresAt          null when the key never expires; checked on every cached use
 * @param accountRateLimitPerHour null when the key's account has no account-wide limit
 */
public record ApiKeyPrincipal(
        UUID keyId,
        UUID accountId,
        String prefix,
        String name,
        Set<String> scopes,
        Integer rateLimitPerMinute,
        int rateLimitPerHour,
        OffsetDateTime expiresAt,
        Integer accountRateLimitPerHour) {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    /**
     * {@code platform:admin} holds every scope; {@code admin} every scope but {@code platform:admin}, and only within
     * its own account (the services check the account).
     */
    public boolean hasScope(String scope) {
        if (scopes.contains(scope) || isOperator()) {
            return true;
        }
        return scopes.contains(ApiKeyService.SCOPE_ADMIN) && !ApiKeyService.SCOPE_PLATFORM_ADMIN.equals(scope);
    }

    public boolean isAdmin() {
        return hasScope(ApiKeyService.SCOPE_ADMIN);
    }

    /** Whether the key acts for the platform operator, on every account. */
    public boolean isOperator() {
        return scopes.contains(ApiKeyService.SCOPE_PLATFORM_ADMIN);
    }
}
