package ai.hokusai.contract.docs;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Compiles a Java SDK example as a reader would use it — its imports on top, its statements in a main method —
 * against this module's test classpath, and runs it in a fresh JVM against the test server. The only changes to
 * the text are the ones made to curl examples: the published base URL becomes the test server's, and
 * {@code HOKUSAI_API_KEY} holds the test key.
 *
 * <p>This is the hook for the SDK: the examples run once {@code sdk-java} is a test dependency of this module;
 * until then every SDK example fails with a message that says so.
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
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-cp", classpath, "-d", dir.toString(), source.toString());
        if (compiled != 0) {
            throw new AssertionError(example + " does not compile against the SDK:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", dir + File.pathSeparator + classpath, "Example").redirectErrorStream(true);
        pb.environment().put("HOKUSAI_API_KEY", apiKey);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(example + ": did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /** Imports stay on top; every other line becomes the body of {@code main}. */
    static String wrap(String snippet) {
        List<String> lines = snippet.lines().toList();
        String imports = lines.stream().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = lines.stream().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n        "));
        return imports + "\nimport java.util.*;\n\npublic class Example {\n    public static void main(String[] args) throws Exception {\n        "
                + body + "\n    }\n}\n";
    }
}
