package ai.hokusai.contract.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate: every operation and documented status of the spec is exercised by a recorded interaction of each
 * consumer (the Java SDK and the TypeScript SDK), under the same exemptions. The
 * other tests show it failing on purpose, so it cannot pass by covering nothing.
 */
class SpecWithinPactsIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.hokusai.contract.gates.RecordedInteractions#consumers")
    void everyDocumentedOutcomeHasAnInteraction(RecordedInteractions.Consumer consumer) {
        SpecCoverage.Report report =
                SpecCoverage.of(RecordedInteractions.specFile()).check(RecordedInteractions.in(consumer.pactsDir()));

        System.out.println("Spec within the pacts of " + consumer + ":");
        System.out.print(report.describe());
        assertThat(report.uncovered())
                .as("documented outcomes no interaction exercises")
                .isEmpty();
        assertThat(report.needlessExemptions())
                .as("exemptions an interaction covers after all")
                .isEmpty();
        assertThat(report.covered()).as("covered outcomes").isNotEmpty();
    }

    @Test
    void aSpecWithOneMoreOperationAndStatusReportsExactlyThose() {
        OpenAPI spec = SpecCoverage.parse(RecordedInteractions.specFile());
        Operation explain = new Operation()
                .operationId("explainPrediction")
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("The explanation."))
                        .addApiResponse("500", new ApiResponse().description("Exempt like every 500.")));
        spec.getPaths().addPathItem("/api/v1/models/{modelRef}/explain", new PathItem().get(explain));
        spec.getPaths()
                .get("/api/v1/models/{modelRef}")
                .getGet()
                .getResponses()
                .addApiResponse("409", new ApiResponse().description("A status no interaction provokes."));

        SpecCoverage.Report report =
                new SpecCoverage(spec).check(RecordedInteractions.in(RecordedInteractions.pactsDir()));

        System.out.print(report.describe());
        assertThat(report.passes()).isFalse();
        assertThat(report.uncovered())
                .containsExactly(
                        new SpecCoverage.Outcome("explainPrediction", "200"),
                        new SpecCoverage.Outcome("getModel", "409"));
        assertThat(report.exempted()).contains(new SpecCoverage.Outcome("explainPrediction", "500"));
    }

    /** An exemption must stay necessary: once an interaction covers an exempt outcome, the gate says so. */
    @Test
    void anExemptStatusThatAnInteractionCoversIsReportedAsNeedless(@TempDir Path drifted) {
        DriftedPacts.write(
                drifted,
                "getModel: a model number nobody registered",
                i -> ((ObjectNode) i.path("response")).put("status", 500));

        SpecCoverage.Report report =
                SpecCoverage.of(RecordedInteractions.specFile()).check(RecordedInteractions.in(drifted));

        assertThat(report.needlessExemptions()).containsExactly(new SpecCoverage.Outcome("getModel", "500"));
    }
}
