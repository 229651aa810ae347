package ai.hokusai.contract.docs;

import ai.hokusai.contract.typescript.ScratchNpmProject;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles TypeScript SDK examples as a reader would use them — each an ES module importing {@code @hokusai/sdk} —
 * with {@code tsc --strict} against the package the sdk-typescript build packed, installed from its tarball into a
 * scratch project as a user installs it, and runs each with Node against the test server. One tsc run compiles all
 * the examples of a page or of the reference; its complaints are told apart by file. An example that writes
 * {@code any} fails too, as the package's own types declare none. The only change to the text is the one made to curl
 * and Java examples: the published base URL becomes the test server's, and {@code HOKUSAI_API_KEY} holds the test key.
 */
final class TypeScriptExampleRunner {

    static final String PACKAGE = ScratchNpmProject.PACKAGE;

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIAGNOSTIC = Pattern.compile("^src/(\\w+)\\.ts\\(");
    private static final Pattern ANY = Pattern.compile("\\bany\\b");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|'(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\"|`(?:[^`\\\\]|\\\\.)*`",
            Pattern.DOTALL);

    /** The scratch project with the package installed, made once per test run. */
    private static ScratchNpmProject project;

    /** One tsc run: where the examples' JavaScript went, and what the compiler (or the any check) said of each. */
    record Compiled(Path dir, Map<String, String> problems) {

        /** What is wrong with {@code example}, or null when it compiled clean. */
        String problems(DocSite.Example example) {
            return problems.get(fileName(example));
        }

        Path module(DocSite.Example example) {
            return dir.resolve("out").resolve(fileName(example) + ".js");
        }
    }

    private final String publishedBaseUrl;
    private final String testBaseUrl;
    private final String apiKey;

    TypeScriptExampleRunner(String publishedBaseUrl, String testBaseUrl, String apiKey) {
        this.publishedBaseUrl = publishedBaseUrl;
        this.testBaseUrl = testBaseUrl;
        this.apiKey = apiKey;
    }

    /** Compiles {@code examples}, each aimed at the test server, in one tsc run. */
    Compiled compile(List<DocSite.Example> examples) throws IOException, InterruptedException {
        List<DocSite.Example> aimed = new ArrayList<>();
        for (DocSite.Example example : examples) {
            if (!example.code().contains(publishedBaseUrl)) {
                throw new AssertionError(
                        example + " does not call the published base URL " + publishedBaseUrl + ":\n" + example.code());
            }
            aimed.add(example.withCode(example.code().replace(publishedBaseUrl, testBaseUrl)));
        }
        return compileAsShown(aimed);
    }

    /** Runs one compiled example with Node; fails when it did not compile. */
    ScratchNpmProject.Result run(Compiled compiled, DocSite.Example example) throws IOException, InterruptedException {
        String problems = compiled.problems(example);
        if (problems != null) {
            throw new AssertionError(example + " does not compile against " + PACKAGE + ":\n" + problems);
        }
        return project().run(compiled.module(example), List.of(), Map.of("HOKUSAI_API_KEY", apiKey), RUN_TIMEOUT);
    }

    /**
     * Compiles {@code examples} as they are shown, in one tsc run, into a directory of the scratch project. Examples
     * are told apart by {@link #fileName}, so two examples with the same page and id cannot share a run.
     */
    static Compiled compileAsShown(List<DocSite.Example> examples) throws IOException, InterruptedException {
        ScratchNpmProject scratch = project();
        Path dir = Files.createTempDirectory(scratch.dir(), "compile-");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (DocSite.Example example : examples) {
            String name = fileName(example);
            Path source = sources.resolve(name + ".ts");
            if (Files.exists(source)) throw new IllegalArgumentException("two examples named " + name);
            Files.writeString(source, example.code());
            files.add("src/" + name + ".ts");
            String any = writtenAny(example.code());
            if (any != null) problems.put(name, any);
        }
        ObjectNode tsconfig = JSON.createObjectNode();
        tsconfig.set(
                "compilerOptions",
                scratch.strictCompilerOptions().put("rootDir", "src").put("outDir", "out"));
        files.forEach(tsconfig.putArray("files")::add);
        Files.writeString(dir.resolve("tsconfig.json"), JSON.writeValueAsString(tsconfig));

        ScratchNpmProject.Result tsc = scratch.typeCheck(dir);
        StringBuilder unattributed = new StringBuilder();
        String current = null;
        for (String line : tsc.output().lines().toList()) {
            Matcher file = DIAGNOSTIC.matcher(line);
            // A diagnostic starts with its file; its further lines are indented.
            if (file.find()) current = file.group(1);
            else if (!line.startsWith(" ")) current = null;
            if (current == null) unattributed.append(line).append('\n');
            else problems.merge(current, line, (earlier, more) -> earlier + "\n" + more);
        }
        if (tsc.exitCode() != 0 && !unattributed.toString().isBlank()) {
            // A complaint about no file in particular (the options, the package's own types) concerns them all.
            String general = unattributed.toString().strip();
            for (DocSite.Example example : examples) {
                problems.merge(fileName(example), general, (earlier, more) -> earlier + "\n" + more);
            }
        }
        return new Compiled(dir, Map.copyOf(problems));
    }

    /** A file name for the example: its page and id, as an identifier. */
    static String fileName(DocSite.Example example) {
        return (example.page().replaceAll("\\.html$", "") + "_" + example.id()).replaceAll("\\W", "_");
    }

    /** Says where the example writes {@code any} outside its comments and strings, or null when it does not. */
    static String writtenAny(String code) {
        String[] lines = COMMENT_OR_STRING
                .matcher(code)
                .replaceAll(m -> m.group().replaceAll("[^\\n]", " "))
                .split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (ANY.matcher(lines[i]).find())
                return "line " + (i + 1) + " writes any: "
                        + code.lines().toList().get(i);
        }
        return null;
    }

    /** The scratch project: {@value #PACKAGE} installed from the packed tarball, once per test run. */
    private static synchronized ScratchNpmProject project() throws IOException, InterruptedException {
        if (project == null) project = ScratchNpmProject.withPackedSdk("typescript-examples-");
        return project;
    }
}
