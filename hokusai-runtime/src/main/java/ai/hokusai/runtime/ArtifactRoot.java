package ai.hokusai.runtime;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one directory {@code file://} artifacts may come from: {@code hokusai.artifact-root}
 * ({@code HOKUSAI_ARTIFACT_ROOT}), set by the operator; unset, no {@code file://} artifact is accepted. A location is
 * accepted only when it is a directory strictly beneath the root both as written (after normalisation, so {@code ..}
 * cannot climb out) and as the file system resolves it (so no symbolic link on the way, nor one inside the directory,
 * leads out). Every refusal of a location says the same words, so an answer tells nothing of what exists outside the
 * root. It is checked when a deployment is created and again each time the artifact is loaded.
 */
public class ArtifactRoot {

    public static final String VARIABLE = "HOKUSAI_ARTIFACT_ROOT";
    /** The whole of what a refused location is told, whatever the reason. */
    public static final String OUTSIDE = "names no artifact directory under the artifact root";

    static final String UNSET =
            "file:// artifacts are not accepted: the operator has set no artifact root (" + VARIABLE + ")";

    private static final Logger log = LoggerFactory.getLogger(ArtifactRoot.class);

    /** Null when unset. */
    private final Path root;

    /** @param root the artifact root's path; null or blank when the operator set none */
    public ArtifactRoot(String root) {
        this.root = root == null || root.isBlank()
                ? null
                : Path.of(root.strip()).toAbsolutePath().normalize();
        if (this.root != null && !Files.isDirectory(this.root)) {
            log.warn(
                    "{} names {}, which is not a directory: every file:// deployment will be refused",
                    VARIABLE,
                    this.root);
        }
    }

    public boolean configured() {
        return root != null;
    }

    /**
     * The directory {@code location} names, as the file system resolves it.
     *
     * @throws ArtifactLoadException when no root is set ({@link #configured()}), or, with the one message
     *     {@link #OUTSIDE}, when the location is not a directory beneath the root
     */
    public Path confine(String location) {
        if (root == null) {
            throw new ArtifactLoadException(UNSET);
        }
        try {
            Path requested = Path.of(location);
            if (!requested.isAbsolute()) {
                throw outside();
            }
            Path normalised = requested.normalize();
            if (!normalised.startsWith(root) || normalised.equals(root)) {
                throw outside();
            }
            Path realRoot = root.toRealPath();
            Path real = normalised.toRealPath();
            if (!real.startsWith(realRoot) || real.equals(realRoot) || !Files.isDirectory(real)) {
                throw outside();
            }
            requireEverythingInsideRoot(real, realRoot);
            return real;
        } catch (ArtifactLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Missing, unreadable or malformed: the same answer as outside, and never the file system's own words.
            throw outside();
        }
    }

    /**
     * A link inside the directory would hand the runtime, and the checksums a deployment shows, a file from elsewhere:
     * every entry, links followed, must resolve beneath the root.
     */
    private static void requireEverythingInsideRoot(Path directory, Path realRoot) throws IOException {
        try (Stream<Path> entries = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            Iterator<Path> it = entries.iterator();
            while (it.hasNext()) {
                if (!it.next().toRealPath().startsWith(realRoot)) {
                    throw outside();
                }
            }
        }
    }

    private static ArtifactLoadException outside() {
        return new ArtifactLoadException("the file:// location " + OUTSIDE);
    }
}
