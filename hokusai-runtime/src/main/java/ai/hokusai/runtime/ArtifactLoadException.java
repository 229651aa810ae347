package ai.hokusai.runtime;

/** An artifact could not be loaded: missing files, bad format, or a runtime mismatch. */
public class ArtifactLoadException extends RuntimeException {

    public ArtifactLoadException(String message) {
        super(message);
    }

    public ArtifactLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
