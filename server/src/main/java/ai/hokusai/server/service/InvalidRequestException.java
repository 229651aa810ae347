package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/**
 * The request body is well-formed JSON but unusable. {@code inputViolation} tells whether the fault lies in an
 * input checked against the model's schema ({@code invalid_input}) or in the request envelope ({@code invalid_request}).
 */
public class InvalidRequestException extends DomainException {

    public InvalidRequestException(boolean inputViolation, String message, List<FieldViolation> violations) {
        super(inputViolation ? ErrorCode.INVALID_INPUT : ErrorCode.INVALID_REQUEST, message, violations, null, null);
    }

    public static InvalidRequestException envelope(String pointer, String message) {
        return new InvalidRequestException(
                false,
                "The request body is invalid: " + pointer + " " + message + ".",
                List.of(new FieldViolation(pointer, message)));
    }
}
