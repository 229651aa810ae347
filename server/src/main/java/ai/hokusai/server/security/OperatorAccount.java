package ai.hokusai.server.security;

import java.util.UUID;

/** The platform operator's account, {@code hokusai}: it owns what existed before accounts, and the seeded models. */
public final class OperatorAccount {

    /** Fixed by migration V5, so every instance and every start agrees on it. */
    public static final UUID ID = UUID.fromString("0f6b1c3e-9a2d-4e7f-8b5c-000000000001");

    private OperatorAccount() {
    }
}
