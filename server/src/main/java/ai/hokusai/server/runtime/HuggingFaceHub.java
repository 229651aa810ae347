package ai.hokusai.server.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads a Hugging Face Hub model repository at one revision: lists it with
 * {@code GET /api/models/{repo}/revision/{revision}} and fetches each {@code siblings[].rfilename} from
 * {@code /{repo}/resolve/{revision}/{file}}. A download lands in a staging folder and is moved into place only
 * when complete; a revision already on disk is reused without asking the Hub.
 */
final class HuggingFaceHub {

    private static final Logger log = LoggerFactory.getLogger(HuggingFaceHub.class);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(10);

    private final Path root;
    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json;

    HuggingFaceHub(Path root, URI endpoint, String token, HttpClient http, JsonMapper json) {
        this.root = root;
        this.endpoint = endpoint;
        this.token = token;
        this.http = http;
        this.json = json;
    }

    /** A repository reference {@code owner/repo@revision}. */
    private record Reference(String owner, String repo, String revision) {

        static Reference parse(String location) {
            int at = location.indexOf('@');
            String repoId = at < 0 ? location : location.substring(0, at);
            String revision = at < 0 ? "main" : location.substring(at + 1);
            String[] parts = repoId.split("/", -1);
            if (parts.length != 2 || !ArtifactFiles.isSafeSegment(parts[0]) || !ArtifactFiles.isSafeSegment(parts[1])
                    || !ArtifactFiles.isSafeSegment(revision)) {
                throw new ArtifactLoadException("Hugging Face artifact location must be 'owner/repo' or "
                        + "'owner/repo@revision' (letters, digits, '.', '_', '-'): " + location);
            }
            return new Reference(parts[0], parts[1], revision);
        }

        String id() {
            return owner + "/" + repo + "@" + revision;
        }
    }

    synchronized Path download(String location) {
        Reference ref = Reference.parse(location);
        Path target = root.resolve(ref.owner()).resolve(ref.repo()).resolve(ref.revision());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = null;
        try {
            List<String> files = list(ref);
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), ".download-");
            log.info("Downloading Hugging Face artifact {} ({} files) from {}", ref.id(), files.size(), endpoint);
            for (String file : files) {
                Path path = ArtifactFiles.within(staging, file);
                Files.createDirectories(path.getParent());
                fetch(ref, file, path);
            }
            ArtifactFiles.publish(staging, target);
            return target;
        } catch (IOException e) {
            throw new ArtifactLoadException("cannot download Hugging Face artifact " + ref.id() + " from "
                    + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactLoadException("interrupted while downloading Hugging Face artifact " + ref.id(), e);
        } finally {
            ArtifactFiles.deleteRecursively(staging);
        }
    }

    private List<String> list(Reference ref) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + "/api/models/" + segment(ref.owner()) + "/" + segment(ref.repo())
                + "/revision/" + segment(ref.revision()));
        HttpResponse<byte[]> response = http.send(request(uri, LIST_TIMEOUT), HttpResponse.BodyHandlers.ofByteArray());
        check(ref, response.statusCode(), "repository listing");
        JsonNode siblings = json.readTree(response.body()).path("siblings");
        List<String> files = new ArrayList<>();
        siblings.forEach(sibling -> files.add(sibling.path("rfilename").asString("")));
        if (files.isEmpty() || files.contains("")) {
            throw new ArtifactLoadException("Hugging Face repository " + ref.id() + " lists no files");
        }
        return files;
    }

    private void fetch(Reference ref, String file, Path path) throws IOException, InterruptedException {
        String encodedFile = Arrays.stream(file.split("/")).map(HuggingFaceHub::segment).collect(Collectors.joining("/"));
        URI uri = URI.create(endpoint + "/" + segment(ref.owner()) + "/" + segment(ref.repo()) + "/resolve/"
                + segment(ref.revision()) + "/" + encodedFile);
        // Only a 200 body goes to disk; an error page must never pass for an artifact file.
        HttpResponse<Path> response = http.send(request(uri, FILE_TIMEOUT), info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.ofFile(path)
                : HttpResponse.BodySubscribers.replacing(null));
        check(ref, response.statusCode(), "file " + file);
    }

    private HttpRequest request(URI uri, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private void check(Reference ref, int status, String what) {
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new ArtifactLoadException(token.isEmpty()
                    ? "Hugging Face repository " + ref.id() + " is private and needs a token: set HF_TOKEN "
                            + "(or hokusai.huggingface.token) to a token with read access (HTTP " + status + ")"
                    : "Hugging Face refused the configured token for " + ref.id() + " (HTTP " + status
                            + "): the token needs read access to this repository");
        }
        if (status == 404) {
            throw new ArtifactLoadException("Hugging Face " + what + " not found: " + ref.id());
        }
        throw new ArtifactLoadException("Hugging Face answered HTTP " + status + " for " + what + " of " + ref.id());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
