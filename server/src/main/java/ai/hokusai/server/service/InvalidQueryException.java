package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/**
 * A query parameter that is well-formed alone but not with the others (e.g. {@code from} after {@code to}), or a
 * value only the server can judge (a cursor no page handed out).
 */
public class InvalidQueryException extends DomainException {

    public InvalidQueryException(String parameter, String message) {
        this(parameter, message, message);
    }

    public InvalidQueryException(String parameter, String message, String fieldMessage) {
        super(
                ErrorCode.INVALID_PARAMETER,
                message,
                List.of(new FieldViolation("#/query/" + parameter, fieldMessage)),
                null,
                null);
    }
}
