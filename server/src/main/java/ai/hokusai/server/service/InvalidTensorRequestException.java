package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/**
 * A tensor of an Open Inference Protocol request does not fit the model: the message names the tensor, the one
 * violation points at its member at fault ({@code /inputs/0/datatype}).
 */
public class InvalidTensorRequestException extends DomainException {

    public InvalidTensorRequestException(String pointer, String message) {
        super(ErrorCode.INVALID_TENSOR, message, List.of(new FieldViolation(pointer, message)), null, null);
    }
}
