package ai.hokusai.server.service;

import java.util.List;

/**
 * The request body is well-formed JSON but unusable. {@code inputViolation} tells whether the fault lies in an
 * input checked against the model's schema ({@code invalid_input}) or in the request envelope ({@code invalid_request}).
 */
public class InvalidRequestException extends RuntimeException {

    private final boolean inputViolation;
    private final List<FieldViolation> violations;

    public InvalidRequestException(boolean inputViolation, String message, List<FieldViolation> violations) {
        super(message);
        this.inputViolation = inputViolation;
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException envelope(String pointer, String message) {
        return new InvalidRequestException(false, "The request body is invalid: " + pointer + " " + message + ".",
                List.of(new FieldViolation(pointer, message)));
    }

    public boolean inputViolation() {
        return inputViolation;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
