package ai.hokusai.server.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the operating system's own (Debian package {@code postgresql}), started for one test in a
 * fresh directory on a free port, as an external database a fleet shares. Run as the {@code postgres} user when the
 * test runs as root, since PostgreSQL refuses to run as root.
 */
final class DebianPostgres implements AutoCloseable {

    private static final Path BIN =
            Path.of(System.getenv().getOrDefault("HOKUSAI_PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final int port;

    private DebianPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static DebianPostgres start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL's server binaries are missing from " + BIN + ": install the "
                    + "Debian package 'postgresql' (.ci/run does), or set HOKUSAI_PG_BIN to their folder");
        }
        Path dir = Files.createTempDirectory("hokusai-fleet-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DebianPostgres postgres = new DebianPostgres(dir, port);
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres:", dir.toString()), false);
        }
        postgres.run(List.of(
                BIN.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync"));
        postgres.run(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start"));
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(
                BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
        run(List.of("rm", "-rf", dir.toString()), false);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        run(command, asRoot());
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
