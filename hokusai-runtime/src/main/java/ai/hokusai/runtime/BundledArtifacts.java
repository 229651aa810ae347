package ai.hokusai.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Copies an artifact folder shipped on the classpath (a plain directory in development, entries of the
 * executable jar in production) to a real directory, because native code such as the tokenizer needs files.
 */
final class BundledArtifacts {

    private static final String PREFIX = "classpath:";

    private final Path root;
    private final ClassLoader classLoader;

    BundledArtifacts(Path root) {
        this(root, BundledArtifacts.class.getClassLoader());
    }

    BundledArtifacts(Path root, ClassLoader classLoader) {
        this.root = root;
        this.classLoader = classLoader;
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
        URL url = classLoader.getResource(folder + "/");
        if (url == null) {
            throw new ArtifactLoadException("no bundled artifact at classpath:" + folder);
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                // Inside a jar (the executable jar's nested one too): its entries beneath the folder's.
                readJarFolder(jar, files);
            } else {
                readDirectory(Path.of(url.toURI()), files);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new ArtifactLoadException("cannot read bundled artifact classpath:" + folder, e);
        }
        if (files.isEmpty()) {
            throw new ArtifactLoadException("no bundled artifact at classpath:" + folder);
        }
        return files;
    }

    private static void readJarFolder(JarURLConnection connection, Map<String, byte[]> files) throws IOException {
        connection.setUseCaches(false);
        String prefix = connection.getEntryName();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                }
            }
        }
    }

    private static void readDirectory(Path directory, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            Iterator<Path> it = paths.filter(Files::isRegularFile).iterator();
            while (it.hasNext()) {
                Path file = it.next();
                String relative = directory.relativize(file).toString().replace(File.separatorChar, '/');
                files.put(relative, Files.readAllBytes(file));
            }
        }
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
