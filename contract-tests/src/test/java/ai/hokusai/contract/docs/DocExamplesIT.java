package ai.hokusai.contract.docs;

import ai.hokusai.testsupport.ServerLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every curl and SDK example on the built site, run against the real server: a status, header or body shape
 * that no longer matches the page, or an SDK example that no longer compiles or runs, fails the build.
 */
class DocExamplesIT {

    private static DocSite site;
    private static ServerLauncher server;
    private static CurlExampleRunner runner;
    private static SdkExampleRunner sdkRunner;

    @BeforeAll
    static void startServer() throws Exception {
        site = DocSite.built();
        // The guide deploys from the Hugging Face Hub: a closed local port stands in for it, so no example reaches the
        // network and the deployment fails at once, as the page says an unreachable repository does.
        server = ServerLauncher.builder().env("HF_ENDPOINT", "http://127.0.0.1:9").start();
        runner = new CurlExampleRunner(PublishedSpec.baseUrl(site), server.baseUrl(), server.adminKey());
        sdkRunner = new SdkExampleRunner(PublishedSpec.baseUrl(site), server.baseUrl(), server.adminKey());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void theSiteCarriesCurlExamplesOnEveryGuidePage() {
        List<String> pages = site.examples().stream().filter(e -> e.kind().equals("curl")).map(DocSite.Example::page).distinct().toList();
        assertThat(pages).contains("quickstart.html", "authentication.html", "errors.html", "changelog.html", "models/21.html",
                "deploy-a-model.html");
    }

    @TestFactory
    Stream<DynamicTest> everyCurlExampleAnswersAsDocumented() {
        return site.examples().stream().filter(e -> e.kind().equals("curl"))
                .map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
                    CurlExampleRunner.Result result = runner.run(example);
                    assertThat(CurlExampleRunner.mismatches(example, result))
                            .as("%s\n%s\nanswered %d:\n%s", example, example.code(), result.status(), result.body())
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everySdkExampleCompilesAndRuns() {
        List<DocSite.Example> examples = site.examples().stream().filter(e -> e.kind().equals("sdk-java")).toList();
        assertThat(examples).as("SDK examples on the site").isNotEmpty();
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
            assertThat(SdkExampleRunner.sdkOnClasspath())
                    .as("%s is not on the contract-tests classpath: add the sdk-java module as a test dependency so the SDK "
                            + "examples on the site are compiled and run", SdkExampleRunner.FACADE)
                    .isTrue();
            SdkExampleRunner.Result result = sdkRunner.run(example);
            assertThat(result.exitCode()).as("%s\n%s\nprinted:\n%s", example, example.code(), result.output()).isZero();
        }));
    }
}
