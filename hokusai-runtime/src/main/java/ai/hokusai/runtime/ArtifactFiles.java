package ai.hokusai.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File-system steps shared by the artifact providers: safe names, and publishing a finished directory. */
final class ArtifactFiles {

    /** A single path segment from outside (repo name, revision, file name part): no separators, no "..". */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** File names may start with a dot (Hub repositories carry a .gitattributes) but never be "." or "..". */
    private static final Pattern SAFE_FILE_SEGMENT = Pattern.compile("[A-Za-z0-9._ -]+");

    private ArtifactFiles() {}

    static boolean isSafeSegment(String segment) {
        return SAFE_SEGMENT.matcher(segment).matches() && !segment.contains("..");
    }

    /** {@code relative} resolved under {@code directory}, refusing anything that would land outside it. */
    static Path within(Path directory, String relative) {
        for (String segment : relative.split("/", -1)) {
            if (!SAFE_FILE_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new ArtifactLoadException("unsafe artifact file name '" + relative + "'");
            }
        }
        return directory.resolve(relative);
    }

    /**
     * Moves a fully written {@code staging} directory to {@code target} in one step, so a reader sees either
     * no directory or a complete one, never half a download. An existing target is replaced.
     */
    static void publish(Path staging, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path previous = null;
        if (Files.exists(target)) {
            previous = Files.createTempDirectory(target.getParent(), ".old-" + target.getFileName() + "-");
            Files.delete(previous);
            Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
        if (previous != null) {
            deleteRecursively(previous);
        }
    }

    /** Puts a fully written file in place of {@code target} in one step. */
    static void replaceFile(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: leftovers are staging folders, never read as artifacts.
        }
    }
}
