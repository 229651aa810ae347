package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.embedding.MiniLm;
import ai.hokusai.contract.gates.ExampleEvidence;
import ai.hokusai.contract.gates.RecordedInteractions;
import ai.hokusai.contract.gates.ResponseExamples;
import ai.hokusai.contract.gates.SecretsKeys;
import ai.hokusai.contract.typescript.ScratchNpmProject;
import ai.hokusai.testsupport.ServerLauncher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every curl and SDK example on the built site, run against the real server: a status, header or body shape
 * that no longer matches the page, or an SDK example that no longer compiles or runs, fails the build. The request
 * samples of the reference too, as pasted: each curl sample answers what its {@link SampleExpectation} says, and each
 * Java and TypeScript sample compiles against its SDK and runs to its end. And the TypeScript example of README.md.
 */
class DocExamplesIT {

    private static DocSite site;
    private static ServerLauncher server;
    private static CurlExampleRunner runner;
    private static SdkExampleRunner sdkRunner;
    private static TypeScriptExampleRunner typeScriptRunner;
    /** The reference's samples register, deploy and list: each language's run gets a fresh server of its own. */
    private static ServerLauncher referenceCurlServer;

    private static ServerLauncher referenceJavaServer;
    private static ServerLauncher referenceTypeScriptServer;
    private static CurlExampleRunner referenceCurl;
    private static SdkExampleRunner referenceJava;
    private static TypeScriptExampleRunner referenceTypeScript;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path README = Path.of("..", "README.md");
    /** Where README's run command starts the server, and so where its examples call. */
    private static final String README_BASE_URL = "http://localhost:8080";
    /** The embedding model that "Use the clients you already have" calls. */
    private static final String GUIDE_EMBEDDING_MODEL = "all-minilm-l6-v2";

    @BeforeAll
    static void startServer() throws Exception {
        site = DocSite.built();
        // The guide deploys from the Hugging Face Hub: the closed port of testServer() stands in for it, so no example
        // reaches the network and the deployment fails at once, as the page says an unreachable repository does.
        Path guideArtifacts = newArtifactRoot();
        server = testServer(guideArtifacts);
        // The guide's OpenAI-compatible examples call a sentence encoder, deployed as an operator deploys one.
        MiniLm.deploy(
                server.baseUrl(),
                server.adminKey(),
                GUIDE_EMBEDDING_MODEL,
                MiniLm.layOut(guideArtifacts.resolve(GUIDE_EMBEDDING_MODEL)));
        runner = new CurlExampleRunner(PublishedSpec.baseUrl(site), server.baseUrl(), server.adminKey());
        sdkRunner = new SdkExampleRunner(PublishedSpec.baseUrl(site), server.baseUrl(), server.adminKey());
        typeScriptRunner =
                new TypeScriptExampleRunner(PublishedSpec.baseUrl(site), server.baseUrl(), server.adminKey());
        referenceCurlServer = testServer();
        referenceCurl = new CurlExampleRunner(
                PublishedSpec.baseUrl(site), referenceCurlServer.baseUrl(), referenceCurlServer.adminKey());
        referenceJavaServer = testServer();
        referenceJava = new SdkExampleRunner(
                PublishedSpec.baseUrl(site), referenceJavaServer.baseUrl(), referenceJavaServer.adminKey());
        referenceTypeScriptServer = testServer();
        referenceTypeScript = new TypeScriptExampleRunner(
                PublishedSpec.baseUrl(site), referenceTypeScriptServer.baseUrl(), referenceTypeScriptServer.adminKey());
    }

    /**
     * A server as the pages describe it: the Hub unreachable (a closed local port stands in for it), a secrets key so
     * an account can store its Hub token, and an artifact root, so a {@code file://} artifact is refused for lying
     * outside it rather than for the root's absence.
     */
    private static ServerLauncher testServer() throws Exception {
        return testServer(newArtifactRoot());
    }

    private static ServerLauncher testServer(Path artifactRoot) throws Exception {
        return ServerLauncher.builder()
                .env("HF_ENDPOINT", "http://127.0.0.1:9")
                .env(SecretsKeys.VARIABLE, SecretsKeys.newKey())
                .env("HOKUSAI_ARTIFACT_ROOT", artifactRoot.toString())
                .start();
    }

    private static Path newArtifactRoot() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "artifact-root-")
                .toAbsolutePath();
    }

    @AfterAll
    static void stopServer() {
        for (ServerLauncher launched :
                new ServerLauncher[] {server, referenceCurlServer, referenceJavaServer, referenceTypeScriptServer}) {
            if (launched != null) launched.close();
        }
    }

    @Test
    void theSiteCarriesCurlExamplesOnEveryGuidePage() {
        List<String> pages = site.examples().stream()
                .filter(e -> e.kind().equals("curl"))
                .map(DocSite.Example::page)
                .distinct()
                .toList();
        assertThat(pages)
                .contains(
                        "quickstart.html",
                        "authentication.html",
                        "errors.html",
                        "changelog.html",
                        "models/21.html",
                        "deploy-a-model.html",
                        "clients-you-already-have.html",
                        "accounts.html");
    }

    @TestFactory
    Stream<DynamicTest> everyCurlExampleAnswersAsDocumented() {
        return site.examples().stream()
                .filter(e -> e.kind().equals("curl"))
                .map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
                    CurlExampleRunner.Result result = runner.run(example);
                    assertThat(CurlExampleRunner.mismatches(example, result))
                            .as("%s\n%s\nanswered %d:\n%s", example, example.code(), result.status(), result.body())
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everySdkExampleCompilesAndRuns() {
        List<DocSite.Example> examples = site.examples().stream()
                .filter(e -> e.kind().equals("sdk-java"))
                .toList();
        assertThat(examples).as("SDK examples on the site").isNotEmpty();
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
                    assertThat(SdkExampleRunner.sdkOnClasspath())
                            .as(
                                    "%s is not on the contract-tests classpath: add the sdk-java module as a test dependency so the SDK "
                                            + "examples on the site are compiled and run",
                                    SdkExampleRunner.FACADE)
                            .isTrue();
                    SdkExampleRunner.Result result = sdkRunner.run(example);
                    assertThat(result.exitCode())
                            .as("%s\n%s\nprinted:\n%s", example, example.code(), result.output())
                            .isZero();
                    assertThat(result.output())
                            .as("%s\n%s\nprinted:\n%s", example, example.code(), result.output())
                            .contains(example.expectOutput());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyCurlSampleOfTheReferenceAnswersAsDocumented() {
        List<ReferenceSamples.Sample> samples = ReferenceSamples.readForEveryOperation(site, ReferenceSamples.CURL);
        ResponseExamples examples = responseExamples();
        JsonNode spec = PublishedSpec.read(site);
        return samples.stream()
                .map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> {
                    SampleExpectation expected = SampleExpectation.of(sample, examples, spec);
                    DocSite.Example asPasted = new DocSite.Example(
                            "reference.html",
                            sample.operationId(),
                            "curl",
                            sample.source(),
                            expected.status(),
                            "",
                            null,
                            Set.of(),
                            "");
                    CurlExampleRunner.Result result = referenceCurl.run(asPasted);
                    String shown = sample.source() + "\nanswered " + result.status() + ":\n" + result.body();

                    assertThat(CurlExampleRunner.mismatches(asPasted, result))
                            .as(shown)
                            .isEmpty();
                    if (expected.refusalCode() != null) {
                        JsonNode refused = JSON.readTree(result.body());
                        // A problem's code, or on the OpenAI-compatible routes the code of OpenAI's error object.
                        assertThat(
                                        refused.has("code")
                                                ? refused.path("code").asText()
                                                : refused.at("/error/code").asText())
                                .as(shown)
                                .isEqualTo(expected.refusalCode());
                    }
                    if (expected.example().isPresent()) {
                        assertThat(ExampleEvidence.differences(
                                        expected.example().get().example(), JSON.readTree(result.body())))
                                .as(
                                        "%s\nagainst the spec's example %s",
                                        shown, expected.example().get())
                                .isEmpty();
                    }
                }));
    }

    @Test
    void aReferenceSampleAnsweringOtherwiseThanItsExampleFails() throws Exception {
        ReferenceSamples.Sample predict = ReferenceSamples.of(site, ReferenceSamples.CURL, "predict");
        ResponseExamples.Case example =
                SampleExpectation.matchingCase(responseExamples(), predict).orElseThrow();
        String lessEngaged = predict.source().replace("\"engagement_score\": 75", "\"engagement_score\": 5");
        assertThat(lessEngaged).isNotEqualTo(predict.source());

        CurlExampleRunner.Result result = runner.run(
                new DocSite.Example("reference.html", "predict", "curl", lessEngaged, 200, "", null, Set.of(), ""));

        assertThat(result.status()).isEqualTo(200);
        assertThat(ExampleEvidence.differences(example.example(), JSON.readTree(result.body())))
                .anySatisfy(difference -> assertThat(difference).startsWith("/predictions/lead_score"));
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSampleOfTheReferenceRunsAgainstTheServer() {
        List<ReferenceSamples.Sample> samples = ReferenceSamples.readForEveryOperation(site, ReferenceSamples.JAVA);
        return samples.stream()
                .map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> {
                    SdkExampleRunner.Result result = referenceJava.run(sample.asExample("sdk-java"));
                    assertRunsOrIsRefusedAsDocumented(sample, result.exitCode(), result.output());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyTypeScriptExampleCompilesAndRuns() throws Exception {
        List<DocSite.Example> examples = site.examples().stream()
                .filter(e -> e.kind().equals("sdk-typescript"))
                .toList();
        assertThat(examples).as("TypeScript SDK examples on the site").isNotEmpty();
        TypeScriptExampleRunner.Compiled compiled = typeScriptRunner.compile(examples);
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
                    ScratchNpmProject.Result result = typeScriptRunner.run(compiled, example);
                    assertThat(result.exitCode())
                            .as("%s\n%s\nprinted:\n%s", example, example.code(), result.output())
                            .isZero();
                    assertThat(result.output())
                            .as("%s\n%s\nprinted:\n%s", example, example.code(), result.output())
                            .contains(example.expectOutput());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyTypeScriptSampleOfTheReferenceRunsAgainstTheServer() throws Exception {
        List<ReferenceSamples.Sample> samples =
                ReferenceSamples.readForEveryOperation(site, ReferenceSamples.TYPESCRIPT);
        TypeScriptExampleRunner.Compiled compiled = referenceTypeScript.compile(samples.stream()
                .map(sample -> sample.asExample("sdk-typescript"))
                .toList());
        return samples.stream()
                .map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> {
                    ScratchNpmProject.Result result =
                            referenceTypeScript.run(compiled, sample.asExample("sdk-typescript"));
                    assertRunsOrIsRefusedAsDocumented(sample, result.exitCode(), result.output());
                }));
    }

    /**
     * README's TypeScript example, compiled under {@code tsc --strict} and run against the server README's run command
     * starts (a test server here): it scores the lead and prints its recommendation and score.
     */
    @Test
    void theReadmeTypeScriptExampleCompilesAndScoresTheLead() throws Exception {
        DocSite.Example readme = new DocSite.Example(
                "README.md", "typescript", "sdk-typescript", readmeTypeScriptExample(), -1, "", null, Set.of(), "");
        TypeScriptExampleRunner readmeRunner =
                new TypeScriptExampleRunner(README_BASE_URL, server.baseUrl(), server.adminKey());

        ScratchNpmProject.Result result = readmeRunner.run(readmeRunner.compile(List.of(readme)), readme);

        assertThat(result.exitCode())
                .as("%s\nprinted:\n%s", readme.code(), result.output())
                .isZero();
        assertThat(result.output()).containsPattern("(Hot|Warm|Cold) lead, score \\d+");
    }

    /** The one ```ts block of README.md. */
    private static String readmeTypeScriptExample() throws Exception {
        Matcher block = Pattern.compile("(?s)```ts\n(.*?)```").matcher(Files.readString(README));
        assertThat(block.find()).as("README.md has a ```ts block").isTrue();
        String example = block.group(1);
        assertThat(block.find()).as("README.md has one ```ts block").isFalse();
        return example;
    }

    /**
     * A reference sample runs to its end, or, when its example names what only another server has, fails with the
     * documented refusal, which still proves the request well-formed.
     */
    private static void assertRunsOrIsRefusedAsDocumented(ReferenceSamples.Sample sample, int exitCode, String output) {
        SampleExpectation.Refusal refusal = SampleExpectation.REFUSED_BY_A_FRESH_SERVER.get(sample.operationId());
        if (refusal == null) {
            assertThat(exitCode).as("%s\nprinted:\n%s", sample.source(), output).isZero();
        } else {
            assertThat(output)
                    .as("%s\nprinted:\n%s", sample.source(), output)
                    .contains("status " + refusal.status() + ", code " + refusal.code());
        }
    }

    private static ResponseExamples responseExamples() {
        return new ResponseExamples(ResponseExamples.read(RecordedInteractions.specFile()));
    }
}
