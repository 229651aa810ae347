package ai.hokusai.contract.typescript;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ServerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript SDK as a user installs it, against the server as an operator runs it: the packed {@code @hokusai/sdk}
 * tarball installed into a scratch npm project, a program importing it ({@code src/test/typescript/sdk-end-to-end.mts})
 * compiled there under {@code tsc --strict}, and run with node against the server's executable jar on its embedded
 * defaults (a fresh PostgreSQL, model 21 seeded, a bootstrap admin key). Each test runs one scenario of the program,
 * which asserts what the SDK and the server answered and prints one line; a failed assertion exits non-zero.
 */
class TypeScriptSdkEndToEndIT {

    private static final Path PROGRAM = Path.of("src/test/typescript/sdk-end-to-end.mts");
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);

    private static ScratchNpmProject consumer;
    private static Path compiled;
    private static ServerLauncher server;

    @BeforeAll
    static void installTheSdkAndStartTheServer() throws Exception {
        consumer = ScratchNpmProject.withPackedSdk("typescript-consumer-");
        compiled = consumer.compile(PROGRAM);
        server = ServerLauncher.start();
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) server.close();
    }

    @Test
    void model21IsScoredAlikeByNumberSlugAndDeploymentUuid() throws Exception {
        runs("model-21-by-number-slug-and-deployment");
    }

    @Test
    void aBatchIsScoredInInputOrderAsEachInputAlone() throws Exception {
        runs("batch");
    }

    @Test
    void anOutOfRangeInputIsAnInvalidRequestErrorWithAPointerPerField() throws Exception {
        runs("invalid-input");
    }

    @Test
    void aKeyOverItsQuotaGetsARateLimitErrorWithRetryAfter() throws Exception {
        runs("rate-limited");
    }

    @Test
    void aPredictRetriedAfterItsAnswerWasLostIsAnsweredByTheReplayAndBilledOnce() throws Exception {
        runs("retried-predict-billed-once");
    }

    @Test
    void aRevokedKeyGetsAnAuthenticationError() throws Exception {
        runs("revoked-key");
    }

    /** The exit code is the verdict: a scenario the program does not have must fail, not pass by doing nothing. */
    @Test
    void aScenarioTheProgramLacksFails() throws Exception {
        ScratchNpmProject.Result result = run("no-such-scenario");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("usage: node sdk-end-to-end.mjs <");
    }

    private static void runs(String scenario) throws Exception {
        consumer.runsScenario(compiled, scenario, environment(), SCENARIO_TIMEOUT);
    }

    private static ScratchNpmProject.Result run(String scenario) throws Exception {
        return consumer.run(compiled, List.of(scenario), environment(), SCENARIO_TIMEOUT);
    }

    private static Map<String, String> environment() {
        return Map.of("HOKUSAI_BASE_URL", server.baseUrl(), "HOKUSAI_API_KEY", server.adminKey());
    }
}
