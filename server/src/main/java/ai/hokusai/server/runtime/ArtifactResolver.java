package ai.hokusai.server.runtime;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

/** Placeholder until the artifact store lands. */
@Component
public class ArtifactResolver {

    public Path localDirectory(String provider, String location) {
        throw new ArtifactLoadException("Artifact provider '" + provider + "' is not available");
    }
}
