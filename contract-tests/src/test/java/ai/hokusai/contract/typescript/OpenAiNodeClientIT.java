package ai.hokusai.contract.typescript;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.embedding.MiniLm;
import ai.hokusai.testsupport.ServerLauncher;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI client for Node ({@value ScratchNpmProject#OPENAI_CLIENT}, installed from npm as a user installs
 * it) against the server as an operator runs it: the executable jar on its embedded defaults, with a real sentence
 * encoder deployed from its artifact root. The program ({@code src/test/typescript/openai-node-client.mts}) is
 * compiled under {@code tsc --strict} and run with node; each test runs one of its scenarios, which asserts what the
 * client saw and prints one line. The token counts it checks the usage against come from the model's own tokenizer.
 */
class OpenAiNodeClientIT {

    private static final Path PROGRAM = Path.of("src/test/typescript/openai-node-client.mts");
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);
    private static final String SLUG = "minilm-node";

    private static ScratchNpmProject consumer;
    private static Path compiled;
    private static ServerLauncher server;
    private static Map<String, String> environment;

    @BeforeAll
    static void installTheClientAndDeployAnEmbeddingModel() throws Exception {
        consumer = ScratchNpmProject.withPackedSdk("openai-node-");
        compiled = consumer.compile(PROGRAM);
        MiniLm.Served served = MiniLm.onAPackagedServer(SLUG);
        server = served.server();
        Map<String, Integer> tokens = new LinkedHashMap<>();
        for (String text : MiniLm.TEXTS) tokens.put(text, MiniLm.tokens(served.artifact(), text));
        environment = Map.of(
                "HOKUSAI_BASE_URL", server.baseUrl(),
                "HOKUSAI_API_KEY", server.adminKey(),
                "EMBEDDING_MODEL", SLUG,
                "EMBEDDING_MODEL_ID", String.valueOf(served.modelId()),
                "TOKENS", new ObjectMapper().writeValueAsString(tokens));
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) server.close();
    }

    @Test
    void oneTextAsFloatsIsPredictsVectorCountedByTheTokenizerAndMeteredOnce() throws Exception {
        runs("one-text-as-floats");
    }

    @Test
    void aBatchInTheClientsDefaultBase64IsPredictsVectorsInOrderAndOneMeteredCall() throws Exception {
        runs("a-batch-in-the-default-encoding");
    }

    @Test
    void theModelsRoutesListAndRetrieveTheEmbeddingModelOnly() throws Exception {
        runs("models");
    }

    @Test
    void aBadKeyIsTheClientsAuthenticationError() throws Exception {
        runs("bad-key");
    }

    @Test
    void aKeyOverItsQuotaIsTheClientsRateLimitError() throws Exception {
        runs("rate-limited");
    }

    @Test
    void anUnknownModelIsTheClientsNotFoundErrorAndIsNotMetered() throws Exception {
        runs("unknown-model");
    }

    /** The exit code is the verdict: a scenario the program does not have must fail, not pass by doing nothing. */
    @Test
    void aScenarioTheProgramLacksFails() throws Exception {
        ScratchNpmProject.Result result =
                consumer.run(compiled, List.of("no-such-scenario"), environment, SCENARIO_TIMEOUT);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("usage: node openai-node-client.mjs <");
    }

    private static void runs(String scenario) throws Exception {
        consumer.runsScenario(compiled, scenario, environment, SCENARIO_TIMEOUT);
    }
}
