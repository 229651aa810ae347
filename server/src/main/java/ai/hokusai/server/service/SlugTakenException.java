package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/** Another model is registered with the slug. */
public class SlugTakenException extends DomainException {

    /** @param takenBy the model that has it, or null when the caller may not know of it */
    public SlugTakenException(String slug, Integer takenBy) {
        super(
                ErrorCode.SLUG_TAKEN,
                "The slug '" + slug + "' is taken" + (takenBy == null ? "" : " by model " + takenBy) + ".",
                List.of(new FieldViolation("/slug", "is taken" + (takenBy == null ? "" : " by model " + takenBy))),
                null,
                null);
    }
}
