package ai.hokusai.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real server, run from its executable jar as a child process with the embedded defaults: a free port, a fresh data
 * directory (so a fresh embedded PostgreSQL) and a bootstrap admin key. Start-up fails, never skips, when the jar is
 * missing or the server is not ready in time, and then shows the end of the server's log. {@link #close()} stops it
 * with SIGTERM first, so the server stops its embedded PostgreSQL instead of orphaning it.
 */
public final class ServerLauncher implements AutoCloseable {

    /** The system property that names the jar; the poms set it to the server module's build output. */
    public static final String JAR_PROPERTY = "hokusai.server.jar";
    /**
     * Keeps the server's tokenizer library off the network: without these it probes a cloud metadata address and a
     * model hub. The build sets them for the test JVMs too; the launcher states them for its child.
     */
    public static final Map<String, String> OFFLINE_ENVIRONMENT =
            Map.of("DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true");

    private static final int LOG_TAIL_LINES = 60;

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final String baseUrl;
    private final String adminKey;
    private final Duration stopTimeout;

    private ServerLauncher(
            Process process, Path dataDir, Path log, String baseUrl, String adminKey, Duration stopTimeout) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.stopTimeout = stopTimeout;
    }

    /** Starts the server with the defaults and waits until it is ready. */
    public static ServerLauncher start() throws IOException, InterruptedException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The bootstrap key: every scope, admin included. */
    public String adminKey() {
        return adminKey;
    }

    /** The file that holds everything the server printed. */
    public Path log() {
        return log;
    }

    /** The last lines the server printed, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL, as a crash or an out-of-memory kill would stop it: nothing in the server runs afterwards. The data
     * directory is left behind (its embedded PostgreSQL, if any, may still be running on it).
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, then a kill if the server has not stopped within the stop timeout (30 seconds by default). The data directory is removed only after
     * a clean stop: after a kill, the embedded PostgreSQL may still be running on it.
     */
    @Override
    public void close() {
        process.destroy();
        boolean stopped;
        try {
            stopped = process.waitFor(stopTimeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        deleteRecursively(dataDir);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "The server was not ready within " + timeout + "; the end of " + log + ":\n" + logTail());
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Options for one server; every one has a default. */
    public static final class Builder {

        private Path jar = Path.of(System.getProperty(JAR_PROPERTY, "../server/target/hokusai-server.jar"));
        private Path log;
        private Duration readyTimeout = Duration.ofSeconds(180);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private int port;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder() {}

        /** The executable jar; by default the one the system property {@value ServerLauncher#JAR_PROPERTY} names. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** Where the server's output goes; by default a new temporary file. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        /** The HTTP port, e.g. to restart a server where a load balancer expects it; by default a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** How long {@link ServerLauncher#close()} waits for the server to stop before it kills it. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /** An option for the server's JVM, such as {@code -Xmx256m}. */
        public Builder jvmArg(String jvmArg) {
            jvmArgs.add(jvmArg);
            return this;
        }

        /** A command-line argument for the server, such as {@code --hokusai.registry-cache-ttl=0s}. */
        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        /** An environment variable for the server, on top of the test JVM's environment. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Starts the server and waits for {@code /health/ready}; on failure the server is stopped again. */
        public ServerLauncher start() throws IOException, InterruptedException {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "The server jar " + jar.toAbsolutePath().normalize() + " is missing: "
                                + "these tests run it as a child process. Build it first (./mvnw -pl server -am package "
                                + "-DskipTests), or run the build from the root so the server module comes first.");
            }
            int port = this.port > 0 ? this.port : freePort();
            Path dataDir = Files.createTempDirectory("hokusai-test-server");
            Path output = log != null ? log : Files.createTempFile("hokusai-test-server", ".log");
            Files.createDirectories(output.toAbsolutePath().getParent());
            String adminKey = "hk_test_" + UUID.randomUUID().toString().replace("-", "");

            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
            command.addAll(args);
            ProcessBuilder process =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            process.environment().putAll(OFFLINE_ENVIRONMENT);
            process.environment().put("HOKUSAI_DATA_DIR", dataDir.toString());
            process.environment().put("HOKUSAI_BOOTSTRAP_API_KEY", adminKey);
            process.environment().putAll(env);

            ServerLauncher server = new ServerLauncher(
                    process.start(), dataDir, output, "http://127.0.0.1:" + port, adminKey, stopTimeout);
            try {
                server.awaitReady(readyTimeout);
            } catch (RuntimeException | InterruptedException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}
