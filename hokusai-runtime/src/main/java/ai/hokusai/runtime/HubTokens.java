package ai.hokusai.runtime;

import java.util.Optional;
import java.util.UUID;

/**
 * The Hugging Face Hub token a model's artifact is fetched with: its owning account's, and no other account's, so a
 * publisher can never read a repository through another's access.
 */
public interface HubTokens {

    /**
     * @return the token to send for a model of {@code accountId}; empty to ask anonymously (public repositories only)
     * @throws ArtifactLoadException when the account has a token that cannot be read; the message names no secret
     */
    Optional<String> tokenFor(UUID accountId);
}
