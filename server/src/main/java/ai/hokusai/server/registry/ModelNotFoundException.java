package ai.hokusai.server.registry;

/** No model answers to a reference. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String ref) {
        super("No model answers to '" + ref + "'.");
    }
}
