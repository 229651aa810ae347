package ai.hokusai.server.security;

import java.util.Set;
import java.util.UUID;

/** The caller behind an authenticated request. Carries no secret. */
public record ApiKeyPrincipal(UUID keyId, String prefix, String name, Set<String> scopes) {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }
}
