package ai.hokusai.server.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * HAProxy (Debian package {@code haproxy}) in front of a fleet on loopback, configured as a deployment would be: it
 * health-checks {@code /health/ready} every 500 ms and takes an instance out after two failed checks, retries a
 * request elsewhere only when it could not connect (a request that reached an instance is never sent twice), and
 * lets pooled connections idle for far less than the server's keep-alive timeout, so it never reuses a connection
 * the server is closing.
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private Haproxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** @param servers name to HTTP port of each instance */
    static Haproxy start(Map<String, Integer> servers) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    "HAProxy is missing from " + binary + ": install the Debian package " + "'haproxy' (.ci/run does)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("hokusai-fleet-haproxy");
        String backends = servers.entrySet().stream()
                .map(s -> "  server " + s.getKey() + " 127.0.0.1:" + s.getValue() + " check")
                .collect(Collectors.joining("\n"));
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), """
                global
                  maxconn 1000
                  log stdout format raw local0
                defaults
                  mode http
                  log global
                  option httplog
                  option dontlog-normal
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                  timeout http-keep-alive 10s
                  timeout check 2s
                  retries 3
                  retry-on conn-failure
                  option redispatch
                frontend api
                  bind 127.0.0.1:%d
                  default_backend fleet
                backend fleet
                  balance roundrobin
                  http-reuse safe
                  option httpchk GET /health/ready
                  http-check expect status 200
                  default-server inter 500ms fall 2 rise 2 pool-purge-delay 5s
                %s
                """.formatted(port, backends));
        Process process = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
        Thread.sleep(500);
        if (!process.isAlive()) {
            throw new IllegalStateException("HAProxy did not start:\n" + Files.readString(dir.resolve("haproxy.log")));
        }
        return new Haproxy(process, port, dir);
    }

    /** What HAProxy logged: its errors, and every request that did not end normally. */
    String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no HAProxy log: " + e + ")";
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
