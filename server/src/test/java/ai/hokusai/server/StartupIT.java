package ai.hokusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, started and stopped as an operator does: {@code --help} prints the settings; a start-up that
 * cannot succeed says why and how to fix it in a line or two, before any database work, and exits non-zero; a
 * SIGTERM lets everything that writes to the embedded database finish before the database stops.
 */
class StartupIT {

    private static final Path JAR =
            Path.of(System.getProperty(ServerLauncher.JAR_PROPERTY, "target/hokusai-server.jar"));

    record Run(int exit, String output) {
        List<String> lines() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private static Run run(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("hokusai-startup", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(ServerLauncher.OFFLINE_ENVIRONMENT);
        builder.environment().put("HOKUSAI_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after 60 s:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static Path newDir() throws IOException {
        Path base = Path.of("target", "it-data").toAbsolutePath();
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "startup-");
    }

    @Test
    void helpPrintsTheSettingsAndExitsZero() throws Exception {
        Run run = run(newDir(), "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.output())
                .contains(
                        "HOKUSAI_DATA_DIR",
                        "HOKUSAI_DB_URL",
                        "HOKUSAI_KEY_HASH_SECRET",
                        "HOKUSAI_BOOTSTRAP_API_KEY",
                        "PORT",
                        "8080",
                        "HF_TOKEN",
                        "--hokusai.max-request-bytes")
                .doesNotContain("Tomcat", "PostgreSQL started", "Started HokusaiServerApplication");
    }

    @Test
    void aPortInUseIsReportedInTwoLinesBeforeAnyDatabaseWork() throws Exception {
        Path dataDir = newDir();
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = run(dataDir, "--server.port=" + taken.getLocalPort());
            assertThat(run.exit()).isNotZero();
            assertThat(run.lines()).hasSizeLessThanOrEqualTo(2);
            assertThat(run.output()).contains("Port " + taken.getLocalPort() + " is in use", "--server.port=");
        }
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
    }

    @Test
    void aDataDirectoryInUseByAnotherServerIsReportedInTwoLines() throws Exception {
        Path dataDir = newDir();
        // What a running server holds for its whole life.
        try (FileChannel channel = FileChannel.open(
                        dataDir.resolve("hokusai.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            Run run = run(dataDir, "--server.port=0");
            assertThat(run.exit()).isNotZero();
            assertThat(run.lines()).hasSizeLessThanOrEqualTo(2);
            assertThat(run.output()).contains("is in use by another Hokusai server", "HOKUSAI_DATA_DIR");
        }
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsReportedInTwoLines() throws Exception {
        Path notADirectory = Files.createFile(newDir().resolve("a-file"));
        Run run = run(notADirectory.resolve("data"), "--server.port=0");
        assertThat(run.exit()).isNotZero();
        assertThat(run.lines()).hasSizeLessThanOrEqualTo(2);
        assertThat(run.output()).contains("data directory", "HOKUSAI_DATA_DIR");
    }

    /** A start, a prediction and a stop that went well leave no line an operator must read as a warning. */
    @Test
    void aStartAPredictionAndAStopLogNoWarningOrError() throws Exception {
        ServerLauncher server = ServerLauncher.builder().start();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/models/21/predict"))
                                .header("Authorization", "Bearer " + server.adminKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(ExampleInputs.predictRequestJson()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Path log = server.log();
        server.close();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).anyMatch(line -> line.contains("Started HokusaiServerApplication"));
        assertThat(lines).noneMatch(line -> line.matches("^\\S+\\s+(WARN|ERROR) .*"));
    }

    @Test
    void aSigtermFlushesKeyUsageBeforeTheEmbeddedDatabaseStops() throws Exception {
        ServerLauncher server = ServerLauncher.builder()
                .arg("--hokusai.api-keys.last-used-flush-interval=1h")
                .start();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/models/21"))
                                .header("Authorization", "Bearer " + server.adminKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        Path log = server.log();
        server.close();
        String output = Files.readString(log);
        assertThat(output)
                .contains("Started HokusaiServerApplication")
                .doesNotContain("Could not record when", "terminating connection due to administrator");
    }
}
