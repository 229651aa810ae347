package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;

/** The request body is not JSON as this API reads it: unparsable, empty, trailing data or a key given twice. */
public class MalformedBodyException extends DomainException {

    public MalformedBodyException(String why) {
        super(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON: " + why + ".");
    }
}
