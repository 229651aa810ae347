package ai.hokusai.server.security;

import java.util.UUID;

/** No API key has this id. */
public class ApiKeyNotFoundException extends RuntimeException {

    public ApiKeyNotFoundException(UUID id) {
        super("No API key has the id " + id + ".");
    }
}
