package ai.hokusai.server.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Copies an artifact folder shipped on the classpath (a plain directory in development, entries of the
 * executable jar in production) to a real directory, because native code such as the tokenizer needs files.
 */
final class BundledArtifacts {

    private static final String PREFIX = "classpath:";

    private final Path root;
    private final ResourcePatternResolver resources;

    BundledArtifacts(Path root) {
        this(root, BundledArtifacts.class.getClassLoader());
    }

    BundledArtifacts(Path root, ClassLoader classLoader) {
        this.root = root;
        this.resources = new PathMatchingResourcePatternResolver(classLoader);
    }

    /** Copies on first use, and again only when the shipped files differ from the copy (a new server build). */
    synchronized Path extract(String location) {
        String folder = folderOf(location);
        Path target = root.resolve(folder.substring(folder.lastIndexOf('/') + 1));
        Map<String, byte[]> files = read(folder);
        try {
            if (sameContent(target, files)) {
                return target;
            }
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, ".extract-");
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Path path = ArtifactFiles.within(staging, file.getKey());
                    Files.createDirectories(path.getParent());
                    Files.write(path, file.getValue());
                }
                ArtifactFiles.publish(staging, target);
            } finally {
                ArtifactFiles.deleteRecursively(staging);
            }
            return target;
        } catch (IOException e) {
            throw new ArtifactLoadException("cannot extract bundled artifact " + location + " to " + target, e);
        }
    }

    private static String folderOf(String location) {
        if (!location.startsWith(PREFIX)) {
            throw new ArtifactLoadException("bundled artifact location must start with '" + PREFIX + "': " + location);
        }
        String folder = location.substring(PREFIX.length()).replaceAll("^/+|/+$", "");
        if (folder.isEmpty() || !Arrays.stream(folder.split("/")).allMatch(ArtifactFiles::isSafeSegment)) {
            throw new ArtifactLoadException("bundled artifact location is not a classpath folder: " + location);
        }
        return folder;
    }

    /** Relative file path → content, for every file under the folder. */
    private Map<String, byte[]> read(String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        String marker = "/" + folder + "/";
        try {
            for (Resource resource : resources.getResources(PREFIX + folder + "/**")) {
                String url = resource.getURL().toString();
                int start = url.lastIndexOf(marker);
                if (url.endsWith("/") || start < 0 || !resource.isReadable()) {
                    continue; // a directory entry
                }
                String relative = URLDecoder.decode(url.substring(start + marker.length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8);
                try (InputStream in = resource.getInputStream()) {
                    files.put(relative, in.readAllBytes());
                }
            }
        } catch (FileNotFoundException e) {
            throw new ArtifactLoadException("no bundled artifact at classpath:" + folder, e);
        } catch (IOException e) {
            throw new ArtifactLoadException("cannot read bundled artifact classpath:" + folder, e);
        }
        if (files.isEmpty()) {
            throw new ArtifactLoadException("no bundled artifact at classpath:" + folder);
        }
        return files;
    }

    private static boolean sameContent(Path target, Map<String, byte[]> files) throws IOException {
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (Stream<Path> existing = Files.walk(target)) {
            if (existing.filter(Files::isRegularFile).count() != files.size()) {
                return false;
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            if (!Files.isRegularFile(path) || !Arrays.equals(Files.readAllBytes(path), file.getValue())) {
                return false;
            }
        }
        return true;
    }
}
