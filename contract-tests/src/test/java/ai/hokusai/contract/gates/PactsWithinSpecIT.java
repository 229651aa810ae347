package ai.hokusai.contract.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate: every interaction each SDK's consumer tests recorded (Java and TypeScript) is one the spec allows. The other tests show it
 * failing on purpose, so it cannot pass by checking nothing.
 */
class PactsWithinSpecIT {

    private static final String GET_MODEL_21 = "getModel: model 21 by its number";
    private static final String GET_ON_PREDICT = "predict, hand-built: GET instead of POST on model 21's predict URL";

    @TempDir
    Path drifted;

    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.hokusai.contract.gates.RecordedInteractions#consumers")
    void everyRecordedInteractionIsAllowedByTheSpec(RecordedInteractions.Consumer consumer) {
        List<RecordedInteractions.Recorded> recorded = RecordedInteractions.in(consumer.pactsDir());
        List<PactSpecConformance.Finding> findings = gate().check(recorded);

        System.out.printf(
                "Pacts within spec (%s): %d interactions checked against %s%n",
                consumer, recorded.size(), RecordedInteractions.specFile());
        findings.forEach(f -> System.out.println("  NOT IN SPEC: " + f));
        assertThat(findings).as("interactions the spec does not allow").isEmpty();
    }

    @Test
    void aPactWithAnUndocumentedRouteIsRejected() {
        DriftedPacts.write(
                drifted, GET_MODEL_21, i -> ((ObjectNode) i.path("request")).put("path", "/api/v1/models/21/explain"));

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactly("validation.request.path.missing");
    }

    @Test
    void aResponseFieldOfTheWrongTypeIsRejected() {
        DriftedPacts.write(
                drifted,
                GET_MODEL_21,
                i -> ((ObjectNode) i.path("response").path("body").path("content")).put("max_batch_size", "100"));

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactly("validation.response.body.schema.type");
    }

    @Test
    void aResponseFieldTheSpecDoesNotDocumentIsRejected() {
        DriftedPacts.write(
                drifted,
                GET_MODEL_21,
                i -> ((ObjectNode) i.path("response").path("body").path("content")).put("internal_cost", 0.02));

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactly("validation.response.body.schema.additionalProperties");
    }

    @Test
    void aStatusTheOperationDoesNotDocumentIsRejected() {
        DriftedPacts.write(drifted, GET_MODEL_21, i -> ((ObjectNode) i.path("response")).put("status", 418));

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactly("validation.response.status.unknown");
    }

    /** The TypeScript SDK's pacts are held to the same schemas: a field it expects under another name is caught. */
    @Test
    void aRenamedFieldInATypeScriptInteractionIsRejected() {
        RecordedInteractions.Consumer typeScript =
                RecordedInteractions.consumers().get(1);
        DriftedPacts.write(typeScript.pactsDir(), drifted, GET_MODEL_21, i -> {
            ObjectNode model = (ObjectNode) i.path("response").path("body").path("content");
            model.set("batch_limit", model.remove("max_batch_size"));
        });

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactlyInAnyOrder(
                        "validation.response.body.schema.additionalProperties",
                        "validation.response.body.schema.required");
    }

    /** The one allowance for a wrong method holds only while the answer is the documented 405 with its Allow. */
    @Test
    void aWrongMethodAnsweredWithoutAllowIsRejected() {
        DriftedPacts.write(drifted, GET_ON_PREDICT, i -> {
            ObjectNode response = (ObjectNode) i.path("response");
            ((ObjectNode) response.path("headers")).remove("Allow");
            ((ObjectNode) response.path("matchingRules").path("header")).remove("Allow");
        });

        assertThat(keys(gate().check(RecordedInteractions.in(drifted))))
                .containsExactly("hokusai.response.header.allow.missing");
    }

    @Test
    void aWrongMethodAnsweredWithAnotherStatusIsRejected() {
        DriftedPacts.write(drifted, GET_ON_PREDICT, i -> ((ObjectNode) i.path("response")).put("status", 404));

        assertThat(gate().check(RecordedInteractions.in(drifted)))
                .anySatisfy(f -> assertThat(f.message()).contains("not the documented 405"));
    }

    /** A copy of the spec in which a field the SDK reads changed type: the recorded pacts no longer fit it. */
    @Test
    void aDriftedCopyOfTheSpecRejectsTheRecordedPacts() throws IOException {
        String spec = Files.readString(RecordedInteractions.specFile());
        String batchSize = "        batch_size:\n          type: integer";
        assertThat(spec).containsOnlyOnce(batchSize);
        PactSpecConformance driftedSpec =
                new PactSpecConformance(spec.replace(batchSize, "        batch_size:\n          type: string"));

        List<PactSpecConformance.Finding> findings =
                driftedSpec.check(RecordedInteractions.in(RecordedInteractions.pactsDir()));

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.key()).isEqualTo("validation.response.body.schema.type");
            assertThat(f.interaction().description()).startsWith("predict:");
            assertThat(f.interaction().response().getStatus()).isEqualTo(200);
        });
    }

    private static PactSpecConformance gate() {
        return PactSpecConformance.of(RecordedInteractions.specFile());
    }

    private static List<String> keys(List<PactSpecConformance.Finding> findings) {
        findings.forEach(f -> System.out.println("  rejected as expected: " + f));
        return findings.stream().map(PactSpecConformance.Finding::key).toList();
    }
}
