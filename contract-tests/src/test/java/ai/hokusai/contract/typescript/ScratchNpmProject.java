package ai.hokusai.contract.typescript;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch npm project under {@code target/} that uses {@code @hokusai/sdk} as a user's project would: the tarball
 * {@code npm pack} wrote into {@code sdk-typescript/target} added with {@code npm install} (offline: the package
 * depends on nothing), a TypeScript program compiled there under {@code tsc --strict} by the compiler of the SDK's own
 * build, and run with the machine's {@code node}.
 */
final class ScratchNpmProject {

    /** The system property that names the {@code sdk-typescript} module; the pom sets it. */
    static final String SDK_DIR_PROPERTY = "hokusai.sdk.typescript.dir";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String output) {}

    private final Path dir;
    private final Path sdkDir;
    private int runs;

    private ScratchNpmProject(Path dir, Path sdkDir) {
        this.dir = dir;
        this.sdkDir = sdkDir;
    }

    /** A new project with the packed SDK installed in its {@code node_modules}. */
    static ScratchNpmProject withPackedSdk() throws IOException, InterruptedException {
        Path sdkDir = Path.of(System.getProperty(SDK_DIR_PROPERTY, "../sdk-typescript"))
                .toAbsolutePath()
                .normalize();
        Path tarball = packedTarball(sdkDir.resolve("target"));
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "typescript-consumer-")
                .toAbsolutePath();
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(
                        dir.resolve("package.json").toFile(),
                        Map.of("name", "hokusai-sdk-consumer", "private", true, "version", "0.0.0"));
        ScratchNpmProject project = new ScratchNpmProject(dir, sdkDir);
        project.succeed(
                List.of("npm", "install", "--offline", "--no-audit", "--no-fund", tarball.toString()), INSTALL_TIMEOUT);
        return project;
    }

    /**
     * Copies {@code program} (a {@code .mts} file) into the project and compiles it under {@code --strict}, the SDK's
     * declarations included ({@code skipLibCheck} off), into {@code dist/}; answers the compiled module.
     */
    Path compile(Path program) throws IOException, InterruptedException {
        String source = program.getFileName().toString();
        Files.copy(program, dir.resolve(source));
        Map<String, Object> compilerOptions = new LinkedHashMap<>();
        compilerOptions.put("strict", true);
        compilerOptions.put("module", "NodeNext");
        compilerOptions.put("moduleResolution", "NodeNext");
        compilerOptions.put("target", "ES2022");
        compilerOptions.put("lib", List.of("ES2022"));
        compilerOptions.put("types", List.of("node"));
        compilerOptions.put(
                "typeRoots", List.of(sdkDir.resolve("node_modules/@types").toString()));
        compilerOptions.put("skipLibCheck", false);
        compilerOptions.put("outDir", "dist");
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(
                        dir.resolve("tsconfig.json").toFile(),
                        Map.of("compilerOptions", compilerOptions, "files", List.of(source)));
        Path tsc = sdkDir.resolve("node_modules/typescript/bin/tsc");
        if (!Files.isRegularFile(tsc)) {
            throw new IllegalStateException(
                    tsc + " is missing: the sdk-typescript module's build (npm ci) installs the TypeScript compiler");
        }
        succeed(List.of("node", tsc.toString(), "-p", dir.toString()), COMPILE_TIMEOUT);
        return dir.resolve("dist").resolve(source.replaceFirst("\\.mts$", ".mjs"));
    }

    /** Runs {@code module} with node in the project, with {@code environment} on top of this JVM's. */
    Result run(Path module, List<String> arguments, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", module.toString()));
        command.addAll(arguments);
        return execute(command, environment, timeout);
    }

    private void succeed(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Result result = execute(command, Map.of(), timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + " in "
                    + dir + ":\n" + result.output());
        }
    }

    private Result execute(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        // The output goes to a file, so a process that hangs cannot block the test past its timeout.
        Path output = dir.resolve("run-" + ++runs + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
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
