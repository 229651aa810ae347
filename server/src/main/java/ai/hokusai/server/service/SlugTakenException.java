package ai.hokusai.server.service;

import java.util.List;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;

/** Another model is registered with the slug. */
public class SlugTakenException extends DomainException {

    public SlugTakenException(String slug, int takenBy) {
        super(ErrorCode.SLUG_TAKEN, "The slug '" + slug + "' is taken by model " + takenBy + ".",
                List.of(new FieldViolation("/slug", "is taken by model " + takenBy)), null, null);
    }
}
