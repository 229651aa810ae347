package ai.hokusai.server.security;

import java.util.UUID;

/**
 * Who asks for a use case: the authenticated key (null for what the server does from its own configuration, such as
 * seeding model 21) and the request it came with, which every audit event quotes.
 */
public record Caller(ApiKeyPrincipal key, String requestId) {

    /** The server itself, acting for the operator account from its configuration. */
    public static Caller system() {
        return new Caller(null, null);
    }

    public UUID accountId() {
        return key == null ? OperatorAccount.ID : key.accountId();
    }

    /** Null for the server itself. */
    public UUID keyId() {
        return key == null ? null : key.keyId();
    }

    /** The server itself and {@code platform:admin} keys act on every account. */
    public boolean isOperator() {
        return key == null || key.isOperator();
    }

    public boolean isAdmin() {
        return key == null || key.isAdmin();
    }

    /** Whether an object of {@code ownerAccountId}, private unless {@code isPublic}, exists for this caller. */
    public boolean canSee(UUID ownerAccountId, boolean isPublic) {
        return isPublic || owns(ownerAccountId);
    }

    /** Whether this caller may change an object of {@code ownerAccountId}. */
    public boolean owns(UUID ownerAccountId) {
        return isOperator() || accountId().equals(ownerAccountId);
    }
}
