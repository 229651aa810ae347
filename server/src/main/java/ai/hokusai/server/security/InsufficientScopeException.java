package ai.hokusai.server.security;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.Set;
import java.util.TreeSet;

/** A valid key without the scope an operation needs. The message names the scope, never the key. */
public class InsufficientScopeException extends DomainException {

    public InsufficientScopeException(String requiredScope, Set<String> heldScopes) {
        super(
                ErrorCode.INSUFFICIENT_SCOPE,
                "This call needs the '" + requiredScope + "' scope; the key has: "
                        + (heldScopes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(heldScopes))) + ".");
    }
}
