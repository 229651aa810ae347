package ai.hokusai.contract.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.contract.gates.DriftedPacts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Provider verification fails on purpose: a pact whose consumer expects model 999 to exist (a 200 with a model) is
 * replayed against the real server, which answers 404, and the verification must reject it. Without this, a
 * verification that passed everything would look the same as one that checks something.
 */
class ProviderRejectsWrongExpectationIT {

    @Test
    void anInteractionExpectingAModelNobodyRegisteredIsRejectedByTheServer() throws IOException {
        Path folder = Path.of(WrongExpectationVerification.FOLDER);
        deleteRecursively(folder);
        DriftedPacts.write(folder, "getModel: model 21 by its number", interaction -> {
            interaction.put("description", "getModel: model 999, expected to exist");
            ((ObjectNode) interaction.path("request")).put("path", "/api/v1/models/999");
            interaction.withArray("providerStates").forEach(state -> {
                if (state.path("name").asText().equals(States.MODEL_21_ACTIVE)) {
                    ((ObjectNode) state).put("name", States.NO_MODEL_999);
                }
            });
        });

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(WrongExpectationVerification.class))
                .execute();

        results.testEvents()
                .assertStatistics(stats -> stats.started(1).failed(1).succeeded(0));
        Event failed = results.testEvents().failed().list().get(0);
        String failure = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::getMessage)
                .orElse("");
        System.out.println("Rejected as expected:\n" + failure);
        assertThat(failure).contains("getModel: model 999, expected to exist").contains("status code 200");
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
