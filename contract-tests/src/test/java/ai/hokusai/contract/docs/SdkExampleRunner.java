package ai.hokusai.contract.docs;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a Java SDK example as a reader would use it — its imports on top, its statements in a main method —
 * against this module's test classpath, and runs it in a fresh JVM against the test server. The only changes to
 * the text are the ones made to curl examples: the published base URL becomes the test server's, and
 * {@code HOKUSAI_API_KEY} holds the test key.
 */
final class SdkExampleRunner {

    static final String FACADE = "ai.hokusai.sdk.HokusaiClient";

    record Result(int exitCode, String output) {}

    private final String publishedBaseUrl;
    private final String testBaseUrl;
    private final String apiKey;

    SdkExampleRunner(String publishedBaseUrl, String testBaseUrl, String apiKey) {
        this.publishedBaseUrl = publishedBaseUrl;
        this.testBaseUrl = testBaseUrl;
        this.apiKey = apiKey;
    }

    static boolean sdkOnClasspath() {
        try {
            Class.forName(FACADE, false, SdkExampleRunner.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    Result run(DocSite.Example example) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hokusai-sdk-example");
        Path source = dir.resolve("Example.java");
        Files.writeString(source, wrap(example.code().replace(publishedBaseUrl, testBaseUrl)));
        String diagnostics = compile(dir, List.of(source));
        if (diagnostics != null) {
            throw new AssertionError(example + " does not compile against the SDK:\n" + diagnostics);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", dir + File.pathSeparator + classpath(), "Example")
                .redirectErrorStream(true);
        pb.environment().put("HOKUSAI_API_KEY", apiKey);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(example + ": did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * Compiles {@code sources} into {@code dir} against this module's test classpath, for Java 11 (the oldest Java the
     * SDK supports, so an example that needs a newer one fails too); the compiler's diagnostics, or null when it
     * succeeded.
     */
    static String compile(Path dir, List<Path> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("--release", "11", "-cp", classpath(), "-d", dir.toString()));
        sources.forEach(source -> arguments.add(source.toString()));
        int compiled = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        return compiled == 0 ? null : diagnostics.toString(StandardCharsets.UTF_8);
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Imports stay on top; every other line becomes the body of {@code main}. A page example may use java.util freely. */
    static String wrap(String snippet) {
        return asClass(snippet, "Example", "import java.util.*;\n");
    }

    /** {@code snippet} as class {@code className}: its imports (and {@code extraImports}) on top, its statements in main. */
    static String asClass(String snippet, String className, String extraImports) {
        List<String> lines = snippet.lines().toList();
        String imports = lines.stream().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = lines.stream().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n        "));
        return imports + "\n" + extraImports + "\npublic class " + className
                + " {\n    public static void main(String[] args) throws Exception {\n        " + body + "\n    }\n}\n";
    }
}
