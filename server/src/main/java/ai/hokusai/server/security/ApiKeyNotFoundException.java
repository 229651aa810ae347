package ai.hokusai.server.security;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import java.util.UUID;

/** No API key has this id. */
public class ApiKeyNotFoundException extends DomainException {

    public ApiKeyNotFoundException(UUID id) {
        super(ErrorCode.API_KEY_NOT_FOUND, "No API key has the id " + id + ".");
    }
}
