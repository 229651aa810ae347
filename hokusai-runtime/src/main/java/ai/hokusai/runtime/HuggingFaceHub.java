package ai.hokusai.runtime;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads a Hugging Face Hub model repository at one revision: lists it with
 * {@code GET /api/models/{repo}/revision/{revision}?blobs=true} — the commit the revision names, and each file's size
 * and checksum (the LFS {@code sha256}, or for small files the git blob id) — and fetches each
 * {@code siblings[].rfilename} from {@code /{repo}/resolve/{commit}/{file}}, so every file comes from the one commit
 * the listing named even if the branch moves meanwhile. Every file is checked against its size and checksum before
 * the download lands: a download is written to a staging folder and moved into place only when complete and
 * verified, with a manifest ({@value #MANIFEST}) of the commit and the checksums.
 *
 * <p>Each account has a cache of its own, laid out like the Hub's: {@code <account>/<owner>/<repo>/snapshots/<commit>/}
 * holds one commit's files and {@code <account>/<owner>/<repo>/refs/<revision>} the commit a revision last named.
 * {@link #download} reuses what is on the account's disk without asking the Hub, so what one account's token fetched
 * is never another's without its own token; {@link #refresh} asks which commit a moving revision names now and
 * fetches it only if it changed.
 */
final class HuggingFaceHub {

    private static final Logger log = LoggerFactory.getLogger(HuggingFaceHub.class);
    /** Written beside the files of a verified download: repository, revision, commit and every file's checksum. */
    static final String MANIFEST = ".hokusai-artifact.json";

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(10);

    private final Path root;
    private final URI endpoint;
    private final HttpClient http;
    private final JsonMapper json;

    HuggingFaceHub(Path root, URI endpoint, HttpClient http, JsonMapper json) {
        this.root = root;
        this.endpoint = endpoint;
        this.http = http;
        this.json = json;
    }

    /**
     * Whose access a call uses: the account's own cache folder and its token ({@code ""} for none). The cache is the
     * account's alone: a repository one account could read must not be served to another from disk.
     */
    private record Access(Path cache, String token) {}

    private Access access(UUID accountId, String token) {
        return new Access(root.resolve(accountId.toString()), token == null ? "" : token);
    }

    /** A repository reference {@code owner/repo@revision}. */
    private record Reference(String owner, String repo, String revision) {

        static Reference parse(String location) {
            int at = location.indexOf('@');
            String repoId = at < 0 ? location : location.substring(0, at);
            String revision = at < 0 ? "main" : location.substring(at + 1);
            String[] parts = repoId.split("/", -1);
            if (parts.length != 2
                    || !ArtifactFiles.isSafeSegment(parts[0])
                    || !ArtifactFiles.isSafeSegment(parts[1])
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

    /**
     * The files of the revision, from the account's cache when it holds them, else from the Hub with the account's
     * token ({@code ""} for none).
     */
    synchronized Path download(UUID accountId, String token, String location) {
        Reference ref = Reference.parse(location);
        Access access = access(accountId, token);
        Path repository = repository(access, ref);
        String known = COMMIT.matcher(ref.revision()).matches() ? ref.revision() : readRef(repository, ref);
        if (known != null && Files.isDirectory(snapshot(repository, known))) {
            return snapshot(repository, known);
        }
        return fetchRevision(access, ref, null);
    }

    /**
     * Asks the Hub which commit a revision names now.
     *
     * @return the new commit's files when the revision moved, empty when it still names the cached commit (or is
     *     itself a commit, which cannot move)
     */
    synchronized Optional<Path> refresh(UUID accountId, String token, String location) {
        Reference ref = Reference.parse(location);
        if (COMMIT.matcher(ref.revision()).matches()) {
            return Optional.empty();
        }
        Access access = access(accountId, token);
        String before = readRef(repository(access, ref), ref);
        Path after = fetchRevision(access, ref, before);
        return after.getFileName().toString().equals(before) ? Optional.empty() : Optional.of(after);
    }

    private static Path repository(Access access, Reference ref) {
        return access.cache().resolve(ref.owner()).resolve(ref.repo());
    }

    private static Path snapshot(Path repository, String commit) {
        return repository.resolve("snapshots").resolve(commit);
    }

    private static String readRef(Path repository, Reference ref) {
        try {
            String commit = Files.readString(repository.resolve("refs").resolve(ref.revision()))
                    .strip();
            return COMMIT.matcher(commit).matches() ? commit : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeRef(Path repository, Reference ref, String commit) throws IOException {
        Path refs = Files.createDirectories(repository.resolve("refs"));
        Path staged = Files.createTempFile(refs, ".ref-", "");
        Files.writeString(staged, commit + "\n");
        ArtifactFiles.replaceFile(staged, refs.resolve(ref.revision()));
    }

    /** Lists the revision and, unless its commit is already on disk, downloads and verifies it. */
    private Path fetchRevision(Access access, Reference ref, String cachedCommit) {
        Path repository = repository(access, ref);
        Path staging = null;
        try {
            Listing listing = list(access, ref);
            Path target = snapshot(repository, listing.commit());
            if (listing.commit().equals(cachedCommit) || Files.isDirectory(target)) {
                writeRef(repository, ref, listing.commit());
                return target;
            }
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), ".download-");
            log.info(
                    "Downloading Hugging Face artifact {} at commit {} ({} files) from {}",
                    ref.id(),
                    listing.commit(),
                    listing.files().size(),
                    endpoint);
            for (RemoteFile file : listing.files()) {
                Path path = ArtifactFiles.within(staging, file.name());
                Files.createDirectories(path.getParent());
                fetch(access, ref, listing.commit(), file.name(), path);
                verify(ref, file, path);
            }
            json.writeValue(staging.resolve(MANIFEST).toFile(), manifest(ref, listing));
            ArtifactFiles.publish(staging, target);
            writeRef(repository, ref, listing.commit());
            return target;
        } catch (IOException e) {
            throw new ArtifactLoadException(
                    "cannot download Hugging Face artifact " + ref.id() + " from " + endpoint + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactLoadException("interrupted while downloading Hugging Face artifact " + ref.id(), e);
        } finally {
            ArtifactFiles.deleteRecursively(staging);
        }
    }

    /** One file as the Hub lists it; {@code sha256} for LFS files, else {@code gitBlobId}. */
    private record RemoteFile(String name, long size, String sha256, String gitBlobId) {}

    /** The commit a revision names, and its files. */
    private record Listing(String commit, List<RemoteFile> files) {}

    private Listing list(Access access, Reference ref) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + "/api/models/" + segment(ref.owner()) + "/" + segment(ref.repo()) + "/revision/"
                + segment(ref.revision()) + "?blobs=true");
        HttpResponse<byte[]> response =
                http.send(request(access, uri, LIST_TIMEOUT), HttpResponse.BodyHandlers.ofByteArray());
        check(access, ref, response.statusCode(), "repository listing");
        JsonNode root = json.readTree(response.body());
        String commit = root.path("sha").asString("");
        if (!COMMIT.matcher(commit).matches()) {
            throw new ArtifactLoadException("Hugging Face did not name the commit of " + ref.id());
        }
        List<RemoteFile> files = new ArrayList<>();
        for (JsonNode sibling : root.path("siblings")) {
            String name = sibling.path("rfilename").asString("");
            JsonNode lfs = sibling.path("lfs");
            String sha256 = lfs.isObject() ? lfs.path("sha256").asString(null) : null;
            String blobId = sibling.path("blobId").asString(null);
            long size = lfs.isObject()
                    ? lfs.path("size").asLong(-1)
                    : sibling.path("size").asLong(-1);
            if (name.isEmpty() || size < 0 || sha256 == null && blobId == null) {
                throw new ArtifactLoadException("Hugging Face listed '" + name + "' of " + ref.id()
                        + " without the size and checksum every file is verified against");
            }
            files.add(new RemoteFile(name, size, sha256, blobId));
        }
        if (files.isEmpty()) {
            throw new ArtifactLoadException("Hugging Face repository " + ref.id() + " lists no files");
        }
        return new Listing(commit, files);
    }

    /** A file that is not the one the Hub lists — cut short, or changed — never becomes part of an artifact. */
    private static void verify(Reference ref, RemoteFile file, Path path) throws IOException {
        long size = Files.size(path);
        if (size != file.size()) {
            throw new ArtifactLoadException("file " + file.name() + " of " + ref.id() + " is truncated or corrupt: "
                    + size + " bytes arrived, the Hub lists " + file.size());
        }
        String actual = file.sha256() != null ? Checksums.sha256(path) : Checksums.gitBlobId(path);
        String expected = file.sha256() != null ? file.sha256() : file.gitBlobId();
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ArtifactLoadException("file " + file.name() + " of " + ref.id() + " does not match the "
                    + (file.sha256() != null ? "sha256" : "git blob id") + " the Hub publishes");
        }
    }

    private static Map<String, Object> manifest(Reference ref, Listing listing) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("repository", ref.owner() + "/" + ref.repo());
        manifest.put("revision", ref.revision());
        manifest.put("commit", listing.commit());
        manifest.put(
                "files",
                listing.files().stream()
                        .map(f -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("name", f.name());
                            entry.put("size", f.size());
                            entry.put(
                                    f.sha256() != null ? "sha256" : "git_blob_id",
                                    f.sha256() != null ? f.sha256() : f.gitBlobId());
                            return entry;
                        })
                        .toList());
        return manifest;
    }

    private void fetch(Access access, Reference ref, String commit, String file, Path path)
            throws IOException, InterruptedException {
        String encodedFile =
                Arrays.stream(file.split("/")).map(HuggingFaceHub::segment).collect(Collectors.joining("/"));
        URI uri = URI.create(endpoint + "/" + segment(ref.owner()) + "/" + segment(ref.repo()) + "/resolve/" + commit
                + "/" + encodedFile);
        // Only a 200 body goes to disk; an error page must never pass for an artifact file.
        HttpResponse<Path> response = http.send(
                request(access, uri, FILE_TIMEOUT),
                info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.ofFile(path)
                        : HttpResponse.BodySubscribers.replacing(null));
        check(access, ref, response.statusCode(), "file " + file);
    }

    private static HttpRequest request(Access access, URI uri, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (!access.token().isEmpty()) {
            builder.header("Authorization", "Bearer " + access.token());
        }
        return builder.build();
    }

    private static void check(Access access, Reference ref, int status, String what) {
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new ArtifactLoadException(
                    access.token().isEmpty()
                            ? "Hugging Face repository " + ref.id()
                                    + " is private and needs a token: the model's account "
                                    + "has stored none with read access (PUT /api/v1/account/credentials/huggingface; the "
                                    + "operator's account may use HF_TOKEN instead) (HTTP " + status + ")"
                            : "Hugging Face refused the configured token for " + ref.id() + " (HTTP " + status
                                    + "): the token of the model's account needs read access to this repository");
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
