package ai.hokusai.contract.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The real server, started from its executable jar with the embedded defaults, on a free port, with a fresh data
 * directory and a bootstrap key. Fails (never skips) when the jar is missing or the server never gets ready.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final String apiKey;

    private ServerProcess(Process process, Path log, String baseUrl, String apiKey) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    static ServerProcess start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("hokusai.server.jar", "../server/target/hokusai-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("server jar not found at " + jar.toAbsolutePath()
                    + ": the doc tests run every example against it; build the server module first");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("hokusai-docs-it-data");
        Path log = Files.createTempFile("hokusai-docs-it-server", ".log");
        String apiKey = "hk_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--server.port=" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOKUSAI_DATA_DIR", dataDir.toString());
        pb.environment().put("HOKUSAI_BOOTSTRAP_API_KEY", apiKey);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        ServerProcess server = new ServerProcess(pb.start(), log, "http://127.0.0.1:" + port, apiKey);
        try {
            server.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    String baseUrl() { return baseUrl; }

    String apiKey() { return apiKey; }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logTail());
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server was not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
