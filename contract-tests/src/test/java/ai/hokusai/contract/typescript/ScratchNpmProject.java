package ai.hokusai.contract.typescript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch npm project under {@code target/} that uses {@code @hokusai/sdk} as a user's project would: the tarball
 * {@code npm pack} wrote into {@code sdk-typescript/target} added with {@code npm install} (the package depends on
 * nothing), beside the official OpenAI client for Node ({@value #OPENAI_CLIENT}, from the npm registry), TypeScript
 * compiled there under {@code tsc --strict} by the compiler of the SDK's own build, and run with the machine's
 * {@code node}. The end-to-end tests and the docs' TypeScript examples use it.
 */
public final class ScratchNpmProject {

    /** The package a user installs. */
    public static final String PACKAGE = "@hokusai/sdk";

    /**
     * The official OpenAI client for Node, as third parties already use it: the newest release whose engines include
     * Node 20 (7.x asks for Node 22). It depends on no other package.
     */
    public static final String OPENAI_CLIENT = "openai@6.49.0";

    /** The system property that names the {@code sdk-typescript} module; the pom sets it. */
    static final String SDK_DIR_PROPERTY = "hokusai.sdk.typescript.dir";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a command ended: its exit code, and its output and errors together. */
    public record Result(int exitCode, String output) {}

    private final Path dir;
    private final Path sdkDir;

    private ScratchNpmProject(Path dir, Path sdkDir) {
        this.dir = dir;
        this.sdkDir = sdkDir;
    }

    /**
     * A new ES-module project, {@code target/<prefix>…}, with the packed SDK and {@value #OPENAI_CLIENT} installed in
     * its {@code node_modules}.
     */
    public static ScratchNpmProject withPackedSdk(String prefix) throws IOException, InterruptedException {
        Path sdkDir = Path.of(System.getProperty(SDK_DIR_PROPERTY, "../sdk-typescript"))
                .toAbsolutePath()
                .normalize();
        Path tarball = packedTarball(sdkDir.resolve("target"));
        // Absolute: programs run with their own directory as the working directory.
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), prefix);
        ObjectNode manifest =
                JSON.createObjectNode().put("name", "hokusai-sdk-consumer").put("private", true);
        manifest.put("version", "0.0.0").put("type", "module");
        Files.writeString(dir.resolve("package.json"), JSON.writeValueAsString(manifest));
        ScratchNpmProject project = new ScratchNpmProject(dir, sdkDir);
        project.succeed(
                List.of(
                        "npm",
                        "install",
                        "--prefer-offline",
                        "--no-audit",
                        "--no-fund",
                        "--save-exact",
                        tarball.toString(),
                        OPENAI_CLIENT),
                INSTALL_TIMEOUT);
        return project;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The options every TypeScript file here is compiled with: strict, resolved as Node resolves packages, the SDK's
     * declarations checked too ({@code skipLibCheck} off), Node's types from the SDK's build.
     */
    public ObjectNode strictCompilerOptions() {
        ObjectNode options = JSON.createObjectNode()
                .put("strict", true)
                .put("module", "NodeNext")
                .put("moduleResolution", "NodeNext")
                .put("target", "ES2022")
                .put("skipLibCheck", false);
        options.putArray("lib").add("ES2022");
        options.putArray("types").add("node");
        options.putArray("typeRoots").add(sdkDir.resolve("node_modules/@types").toString());
        return options;
    }

    /**
     * Compiles the project in {@code projectDir} (its {@code tsconfig.json}) with the SDK build's {@code tsc}; the
     * result says what the compiler complained of, if anything.
     */
    public Result typeCheck(Path projectDir) throws IOException, InterruptedException {
        Path tsc = sdkDir.resolve("node_modules/typescript/bin/tsc");
        if (!Files.isRegularFile(tsc)) {
            throw new IllegalStateException(
                    tsc + " is missing: the sdk-typescript module's build (npm ci) installs the TypeScript compiler");
        }
        return execute(
                projectDir,
                List.of("node", tsc.toString(), "-p", "tsconfig.json", "--pretty", "false"),
                Map.of(),
                COMPILE_TIMEOUT);
    }

    /**
     * Copies {@code program} (a {@code .mts} file) into the project and compiles it under the strict options into
     * {@code dist/}; answers the compiled module.
     */
    Path compile(Path program) throws IOException, InterruptedException {
        String source = program.getFileName().toString();
        Files.copy(program, dir.resolve(source));
        ObjectNode tsconfig = JSON.createObjectNode();
        tsconfig.set("compilerOptions", strictCompilerOptions().put("outDir", "dist"));
        tsconfig.putArray("files").add(source);
        Files.writeString(dir.resolve("tsconfig.json"), JSON.writeValueAsString(tsconfig));
        Result tsc = typeCheck(dir);
        if (tsc.exitCode() != 0) {
            throw new IllegalStateException(source + " does not compile in " + dir + ":\n" + tsc.output());
        }
        return dir.resolve("dist").resolve(source.replaceFirst("\\.mts$", ".mjs"));
    }

    /** Runs {@code module} with node in the project, with {@code environment} on top of this JVM's. */
    public Result run(Path module, List<String> arguments, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", module.toString()));
        command.addAll(arguments);
        return execute(dir, command, environment, timeout);
    }

    /**
     * Runs one scenario of a compiled test program, which checks what it saw with node:assert, prints one line
     * {@code <scenario>: …} and exits 0; fails, with all it printed, when it does not.
     */
    public void runsScenario(Path module, String scenario, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Result result = run(module, List.of(scenario), environment, timeout);
        System.out.print(result.output());

        assertThat(result.exitCode())
                .as("node %s %s exited with %d; it printed:\n%s", module, scenario, result.exitCode(), result.output())
                .isZero();
        assertThat(result.output().lines()).anyMatch(line -> line.startsWith(scenario + ": "));
    }

    private void succeed(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Result result = execute(dir, command, Map.of(), timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + " in "
                    + dir + ":\n" + result.output());
        }
    }

    private static Result execute(
            Path workingDir, List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        // The output goes to a file, so a process that hangs cannot block the test past its timeout.
        Path output = Files.createTempFile(workingDir, "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("npm_config_update_notifier", "false");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The tarball of this build: the newest {@code hokusai-sdk-*.tgz}, as an older version's may linger. */
    private static Path packedTarball(Path target) throws IOException {
        List<Path> tarballs;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            tarballs = files.filter(file -> file.getFileName().toString().matches("hokusai-sdk-.+\\.tgz"))
                    .sorted(Comparator.comparing(ScratchNpmProject::modified).reversed())
                    .toList();
        }
        if (tarballs.isEmpty()) {
            throw new IllegalStateException(
                    "No hokusai-sdk-*.tgz in " + target + ": the sdk-typescript module's "
                            + "package phase (npm pack) writes it; run the build from the root, or with -pl contract-tests -am");
        }
        return tarballs.getFirst();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
