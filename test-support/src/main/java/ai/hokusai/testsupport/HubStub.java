package ai.hokusai.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A private Hugging Face Hub repository on 127.0.0.1: the listing ({@code ?blobs=true}: commit, sizes, LFS sha256
 * and git blob ids, as the Hub answers) and resolve endpoints of the Hub API, answering 401 unless the request carries
 * the expected bearer token (or the repository's own, see {@link #requireToken}). A revision is {@code main}, a commit
 * the repository was served at, or a tag ({@link #tag}); any other answers 404 as the Hub does. A file can be served
 * changed or cut short, as a broken proxy or disk would.
 */
public final class HubStub implements AutoCloseable {

    public static final String TOKEN = "hf_stub_read_token";
    public static final String COMMIT = "4f0c2e9b7a1d3c5e8f6a2b4d9c0e1f3a5b7c9d2e";
    /** Served as LFS files (listed with lfs.sha256), as the Hub does for large files; the rest by git blob id. */
    private static final List<String> LFS_SUFFIXES = List.of("tokenizer.json", ".onnx", ".bin");

    private final HttpServer server;
    private final Map<String, Path> repositories = new ConcurrentHashMap<>();
    private final Map<String, String> commits = new ConcurrentHashMap<>();
    /** Every commit ever served, so files stay reachable at the commit a listing named after the branch moves. */
    private final Map<String, Path> snapshots = new ConcurrentHashMap<>();

    private final Map<String, List<String>> extraListedFiles = new ConcurrentHashMap<>();
    private final Map<String, String> damaged = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Set<String> tags = ConcurrentHashMap.newKeySet();
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public HubStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the files of {@code directory} as repository {@code repoId} at any revision. */
    public HubStub repository(String repoId, Path directory, String... extraListed) {
        repositories.put(repoId, directory);
        commits.put(repoId, COMMIT);
        snapshots.put(repoId + "@" + COMMIT, directory);
        extraListedFiles.put(repoId, List.of(extraListed));
        return this;
    }

    /** Moves every branch of {@code repoId} to a new commit holding the files of {@code directory}. */
    public HubStub move(String repoId, Path directory, String commit) {
        repositories.put(repoId, directory);
        commits.put(repoId, commit);
        snapshots.put(repoId + "@" + commit, directory);
        return this;
    }

    /** Serves {@code file} of {@code repoId} with one byte changed ({@code "corrupt"}) or its last byte missing
     * ({@code "truncated"}), while listing it as it should be. */
    public HubStub damage(String repoId, String file, String how) {
        damaged.put(repoId + "/" + file, how);
        return this;
    }

    /** A tag of {@code repoId} that names its current commit. */
    public HubStub tag(String repoId, String tag) {
        tags.add(repoId + "@" + tag);
        return this;
    }

    /** {@code repoId} is readable with {@code token} only, as a repository of another organisation would be. */
    public HubStub requireToken(String repoId, String token) {
        tokens.put(repoId, token);
        return this;
    }

    private boolean knownRevision(String repoId, String revision) {
        return revision.equals("main")
                || tags.contains(repoId + "@" + revision)
                || snapshots.containsKey(repoId + "@" + revision);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        for (Map.Entry<String, Path> repo : repositories.entrySet()) {
            String listing = "/api/models/" + repo.getKey() + "/revision/";
            String resolve = "/" + repo.getKey() + "/resolve/";
            if (!path.startsWith(listing) && !path.startsWith(resolve)) {
                continue;
            }
            if (!("Bearer " + tokens.getOrDefault(repo.getKey(), TOKEN)).equals(authorization)) {
                send(exchange, 401, "{\"error\":\"Invalid username or password.\"}");
                return;
            }
            if (path.startsWith(listing)) {
                String revision = path.substring(listing.length());
                if (!knownRevision(repo.getKey(), revision)) {
                    send(exchange, 404, "{\"error\":\"Invalid rev id: " + revision + "\"}");
                    return;
                }
                send(exchange, 200, listing(repo.getKey(), repo.getValue()));
                return;
            }
            if (path.startsWith(resolve)) {
                String rest = path.substring(resolve.length());
                String revision = rest.substring(0, rest.indexOf('/'));
                Path base = snapshots.getOrDefault(repo.getKey() + "@" + revision, repo.getValue());
                Path file = base.resolve(rest.substring(rest.indexOf('/') + 1));
                if (Files.isRegularFile(file)) {
                    byte[] content = Files.readAllBytes(file);
                    String how = damaged.get(repo.getKey() + "/" + file.getFileName());
                    if ("corrupt".equals(how)) {
                        content[content.length / 2] ^= 0x20;
                    } else if ("truncated".equals(how)) {
                        content = java.util.Arrays.copyOf(content, content.length - 1);
                    }
                    sendBytes(exchange, 200, content);
                } else {
                    send(exchange, 404, "{\"error\":\"Entry not found\"}");
                }
                return;
            }
        }
        send(
                exchange,
                authorization == null || !authorization.equals("Bearer " + TOKEN) ? 401 : 404,
                "{\"error\":\"Repository not found\"}");
    }

    private String listing(String repoId, Path directory) throws IOException {
        List<String> names;
        try (var files = Files.list(directory)) {
            names = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        List<String> siblings = new java.util.ArrayList<>();
        for (String name : names) {
            siblings.add(sibling(name, directory.resolve(name)));
        }
        for (String name : extraListedFiles.get(repoId)) {
            siblings.add("{\"rfilename\":\"" + name + "\",\"size\":1,\"blobId\":\"" + "0".repeat(40) + "\"}");
        }
        return "{\"id\":\"" + repoId + "\",\"sha\":\"" + commits.get(repoId) + "\",\"siblings\":["
                + String.join(",", siblings) + "]}";
    }

    private static String sibling(String name, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String blobId = hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
        String entry = "{\"rfilename\":\"" + name + "\",\"size\":" + content.length + ",\"blobId\":\"" + blobId + "\"";
        if (LFS_SUFFIXES.stream().anyMatch(name::endsWith)) {
            entry += ",\"lfs\":{\"sha256\":\"" + hex("SHA-256", new byte[0], content) + "\",\"size\":" + content.length
                    + ",\"pointerSize\":134}";
        }
        return entry + "}";
    }

    private static String hex(String algorithm, byte[] header, byte[] content) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance(algorithm);
            digest.update(header);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest.digest(content)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        sendBytes(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
