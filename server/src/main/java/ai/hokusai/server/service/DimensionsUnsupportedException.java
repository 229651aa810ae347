package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/** {@code dimensions} asked of a model that cannot shorten its vectors (no model served today can). */
public class DimensionsUnsupportedException extends DomainException {

    public DimensionsUnsupportedException(int modelId) {
        super(
                ErrorCode.INVALID_PARAMETER,
                "Model " + modelId + " cannot shorten its embeddings: leave 'dimensions' out.",
                List.of(new FieldViolation("/dimensions", "is not supported by this model")),
                null,
                null);
    }
}
