package ai.hokusai.runtime;

import java.nio.file.Path;

/**
 * A kind of runtime: knows how to turn an artifact directory (laid out like a Hugging Face model
 * repository) into a {@link LoadedModel}. One bean per runtime; deployments name theirs by {@link #id()}.
 */
public interface ModelRuntime {

    /** The id deployments store in their {@code runtime} column, e.g. {@code lscor-logistic}. */
    String id();

    /**
     * Loads the artifact in {@code artifactDirectory}.
     *
     * @throws ArtifactLoadException when the artifact is missing, malformed or of another runtime
     */
    LoadedModel load(Path artifactDirectory);
}
