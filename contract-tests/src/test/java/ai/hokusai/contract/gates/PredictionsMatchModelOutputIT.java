package ai.hokusai.contract.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every prediction the SDK's pacts expect has the shape of its model's output schema, as the registry names it. */
class PredictionsMatchModelOutputIT {

    private static final String ONE_LEAD = "predict: one lead scored by model 21";

    @TempDir
    Path drifted;

    private static ModelOutputConformance gate() {
        return new ModelOutputConformance(RecordedInteractions.specFile(), ModelOutputConformance.seedFile());
    }

    @Test
    void everyExpectedPredictionMatchesItsModelsOutputSchema() {
        List<RecordedInteractions.Recorded> recorded = RecordedInteractions.in(RecordedInteractions.pactsDir());

        assertThat(ModelOutputConformance.predictionsIn(recorded))
                .as("successful predict interactions")
                .isGreaterThanOrEqualTo(2);
        assertThat(gate().check(recorded)).isEmpty();
    }

    @Test
    void aPredictionMissingAFieldOrWithAnUnknownTierIsRejected() {
        DriftedPacts.write(drifted, ONE_LEAD, i -> {
            ObjectNode prediction =
                    (ObjectNode) i.path("response").path("body").path("content").path("predictions");
            prediction.remove("confidence");
            prediction.put("recommendation", "Lukewarm");
        });

        assertThat(gate().check(RecordedInteractions.in(drifted)))
                .extracting(ModelOutputConformance.Finding::message)
                .anyMatch(m -> m.contains("confidence"))
                .anyMatch(m -> m.contains("recommendation"));
    }

    @Test
    void aPredictionWithAnUndocumentedFieldIsRejected() {
        DriftedPacts.write(
                drifted,
                ONE_LEAD,
                i -> ((ObjectNode)
                                i.path("response").path("body").path("content").path("predictions"))
                        .put("internal_logit", 1.7));

        assertThat(gate().check(RecordedInteractions.in(drifted)))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("internal_logit"));
    }
}
