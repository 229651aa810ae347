package ai.hokusai.server.security;

import ai.hokusai.server.persistence.AccountRecord;
import java.util.UUID;

/** The platform operator's account, {@code hokusai}: it owns what existed before accounts, and the seeded models. */
public final class OperatorAccount {

    /** Fixed by migration V5, so every instance and every start agrees on it. */
    public static final UUID ID = AccountRecord.OPERATOR_ACCOUNT_ID;

    private OperatorAccount() {}
}
