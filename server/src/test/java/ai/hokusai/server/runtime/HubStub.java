package ai.hokusai.server.runtime;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A private Hugging Face Hub repository on 127.0.0.1: the listing and resolve endpoints of the Hub API,
 * answering 401 unless the request carries the expected bearer token.
 */
final class HubStub implements AutoCloseable {

    static final String TOKEN = "hf_stub_read_token";

    private final HttpServer server;
    private final Map<String, Path> repositories = new ConcurrentHashMap<>();
    private final Map<String, List<String>> extraListedFiles = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    HubStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the files of {@code directory} as repository {@code repoId} at any revision. */
    HubStub repository(String repoId, Path directory, String... extraListed) {
        repositories.put(repoId, directory);
        extraListedFiles.put(repoId, List.of(extraListed));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"Invalid username or password.\"}");
            return;
        }
        for (Map.Entry<String, Path> repo : repositories.entrySet()) {
            String listing = "/api/models/" + repo.getKey() + "/revision/";
            String resolve = "/" + repo.getKey() + "/resolve/";
            if (path.startsWith(listing)) {
                send(exchange, 200, listing(repo.getKey(), repo.getValue()));
                return;
            }
            if (path.startsWith(resolve)) {
                String rest = path.substring(resolve.length());
                Path file = repo.getValue().resolve(rest.substring(rest.indexOf('/') + 1));
                if (Files.isRegularFile(file)) {
                    sendBytes(exchange, 200, Files.readAllBytes(file));
                } else {
                    send(exchange, 404, "{\"error\":\"Entry not found\"}");
                }
                return;
            }
        }
        send(exchange, 404, "{\"error\":\"Repository not found\"}");
    }

    private String listing(String repoId, Path directory) throws IOException {
        List<String> names;
        try (var files = Files.list(directory)) {
            names = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        names.addAll(extraListedFiles.get(repoId));
        return "{\"id\":\"" + repoId + "\",\"sha\":\"0123abcd\",\"siblings\":["
                + names.stream().map(n -> "{\"rfilename\":\"" + n + "\"}").collect(Collectors.joining(",")) + "]}";
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
