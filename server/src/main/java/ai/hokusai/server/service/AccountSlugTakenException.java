package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/** Another account has the slug. */
public class AccountSlugTakenException extends DomainException {

    public AccountSlugTakenException(String slug) {
        super(
                ErrorCode.ACCOUNT_SLUG_TAKEN,
                "The account slug '" + slug + "' is taken.",
                List.of(new FieldViolation("/slug", "is taken")),
                null,
                null);
    }
}
