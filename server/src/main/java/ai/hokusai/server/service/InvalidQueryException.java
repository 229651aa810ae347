package ai.hokusai.server.service;

/** A query parameter that is well-formed alone but not with the others (e.g. {@code from} after {@code to}). */
public class InvalidQueryException extends RuntimeException {

    private final String parameter;

    public InvalidQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
