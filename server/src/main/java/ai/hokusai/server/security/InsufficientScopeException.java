package ai.hokusai.server.security;

import java.util.Set;
import java.util.TreeSet;

/** A valid key without the scope an operation needs. The message names the scope, never the key. */
public class InsufficientScopeException extends RuntimeException {

    private final String requiredScope;

    public InsufficientScopeException(String requiredScope, Set<String> heldScopes) {
        super("This call needs the '" + requiredScope + "' scope; the key has: "
                + (heldScopes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(heldScopes))) + ".");
        this.requiredScope = requiredScope;
    }

    public String requiredScope() {
        return requiredScope;
    }
}
