package ai.hokusai.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * What is checked before anything is started — before Spring, before the embedded database: that the HTTP port is
 * free and that the data directory is writable and used by no other server. A failure is one or two lines naming the
 * cause and the fix, and exit code 2; {@code --help} prints the settings and exits 0.
 */
final class StartupChecks {

    static final int EXIT_MISCONFIGURED = 2;
    static final String LOCK_FILE = "hokusai.lock";

    /** Held for the life of the process: another server on the same data directory cannot take it. */
    private static FileLock dataDirLock;

    /** A start-up failure the operator can fix; its message says how. */
    static final class StartupFailure extends Exception {
        StartupFailure(String message) {
            super(message);
        }
    }

    private final String[] args;
    private final Map<String, String> env;

    StartupChecks(String[] args, Map<String, String> env) {
        this.args = args;
        this.env = env;
    }

    static final String HELP = """
            Hokusai Model API server.

            Usage: java -jar hokusai-server.jar [--name=value ...]

            Settings (environment variable, or flag; default):
              HOKUSAI_DATA_DIR            --hokusai.data-dir=…          ~/.hokusai
                  the embedded PostgreSQL's data, unpacked model artifacts, the generated key-hash secret
              HOKUSAI_DB_URL              --spring.datasource.url=…     empty: embedded PostgreSQL
              HOKUSAI_DB_USER, HOKUSAI_DB_PASSWORD                      empty
                  an external PostgreSQL (jdbc:postgresql://host:5432/hokusai) instead of the embedded one
              HOKUSAI_KEY_HASH_SECRET     --hokusai.key-hash-secret=…   generated into the data directory
                  API keys are stored as HMAC-SHA256 hashes under it; required with HOKUSAI_DB_URL
              HOKUSAI_BOOTSTRAP_API_KEY   --hokusai.bootstrap-api-key=… empty (a demo key is made and printed once)
                  ensures an admin key with exactly this secret (at least 24 characters)
              PORT                        --server.port=…               8080
              HF_TOKEN, HF_ENDPOINT                                     empty, https://huggingface.co
                  the operator account's token, and the endpoint, for artifacts in Hugging Face Hub repositories
              HOKUSAI_SECRETS_KEY, HOKUSAI_SECRETS_KEY_FILE             generated (embedded database only)
                  base64 of 32 bytes: encrypts the Hugging Face tokens accounts store; the same on every instance
              HOKUSAI_ARTIFACT_ROOT       --hokusai.artifact-root=…     empty (file:// artifacts refused)
                  the only directory file:// artifacts may come from
                                          --hokusai.max-request-bytes=… 1048576 (larger bodies: 413)
                                          --hokusai.registry-cache-ttl=… 30s

              --help                      print this and exit
            """;

    /** True when the arguments ask for help instead of a server. */
    boolean helpRequested() {
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    void run() throws StartupFailure {
        checkPort();
        checkDataDirectory();
    }

    private void checkPort() throws StartupFailure {
        String value = setting("server.port", "PORT").orElse("8080");
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupFailure("The port '" + value + "' is not a number. Set PORT or --server.port= to a port "
                    + "number, e.g. 8080.");
        }
        if (port <= 0) {
            return; // 0: any free port, chosen by the web server
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupFailure("Port " + port + " is in use (or not allowed): " + e.getMessage() + ".\n"
                    + "Stop whatever listens on it, or start on another port: PORT=" + (port + 1) + " or --server.port="
                    + (port + 1) + ".");
        }
    }

    private void checkDataDirectory() throws StartupFailure {
        Path dir = Path.of(setting("hokusai.data-dir", "HOKUSAI_DATA_DIR")
                        .orElse(System.getProperty("user.home") + "/.hokusai")
                        .replaceFirst("^~", System.getProperty("user.home")))
                .toAbsolutePath();
        String fix = "Fix its permissions, or set HOKUSAI_DATA_DIR (or --hokusai.data-dir=) to a writable directory.";
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure("The data directory " + dir + " cannot be created (" + e + ").\n" + fix);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new StartupFailure("The data directory " + dir + " is not writable.\n" + fix);
        }
        Path lock = dir.resolve(LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock taken = channel.tryLock();
            if (taken == null) {
                channel.close();
                throw inUse(dir);
            }
            dataDirLock = taken;
        } catch (OverlappingFileLockException e) {
            throw inUse(dir);
        } catch (IOException e) {
            throw new StartupFailure(
                    "The data directory " + dir + " is not writable (" + e.getMessage() + ").\n" + fix);
        }
    }

    private static StartupFailure inUse(Path dir) {
        return new StartupFailure("The data directory " + dir + " is in use by another Hokusai server.\n"
                + "Stop that server, or give this one its own directory: HOKUSAI_DATA_DIR=… or --hokusai.data-dir=….");
    }

    /** A setting as Spring would resolve it: a {@code --name=value} argument, a system property, then the variable. */
    private Optional<String> setting(String property, String variable) {
        for (String arg : args) {
            if (arg.startsWith("--" + property + "=")) {
                return Optional.of(arg.substring(property.length() + 3));
            }
        }
        if (System.getProperty(property) != null) {
            return Optional.of(System.getProperty(property));
        }
        String value = env.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    static void fail(StartupFailure failure, PrintStream err) {
        err.println("Hokusai cannot start: " + failure.getMessage());
    }
}
