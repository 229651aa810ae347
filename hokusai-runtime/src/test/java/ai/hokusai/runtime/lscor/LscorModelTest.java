package ai.hokusai.runtime.lscor;

import static ai.hokusai.runtime.lscor.Leads.internRetailNextYear;
import static ai.hokusai.runtime.lscor.Leads.vpTechnologyWithDemo;
import static ai.hokusai.runtime.lscor.Leads.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.LoadedModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LscorModelTest {

    private static LoadedModel model;

    @BeforeAll
    static void load() {
        model = new LscorRuntime().load(Leads.COMMITTED_ARTIFACT);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Map<String, Object> predict(Map<String, Object> input) {
        return model.predict(List.of(input)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> factors(Map<String, Object> prediction) {
        return (List<String>) prediction.get("factors");
    }

    @Test
    void runtimeIdAndVersionComeFromTheArtifact() {
        assertThat(new LscorRuntime().id()).isEqualTo("lscor-logistic");
        assertThat(model.version()).isEqualTo("2.0.0");
    }

    @Test
    void documentedExampleLeadIsHotWithItsRealDrivers() {
        Map<String, Object> prediction = predict(vpTechnologyWithDemo());

        assertThat(prediction)
                .containsOnlyKeys("lead_score", "conversion_probability", "recommendation", "factors", "confidence");
        assertThat(prediction.get("recommendation")).isEqualTo("Hot");
        assertThat((Integer) prediction.get("lead_score")).isGreaterThanOrEqualTo(70);
        assertThat(factors(prediction))
                .contains("Demo requested", "Senior title (VP)")
                .doesNotContain("No demo requested");
    }

    @Test
    void weakLeadIsColdAndSaysWhy() {
        Map<String, Object> prediction = predict(internRetailNextYear());

        assertThat(prediction.get("recommendation")).isEqualTo("Cold");
        assertThat((Integer) prediction.get("lead_score")).isLessThan(40);
        assertThat(factors(prediction)).isNotEmpty().doesNotContain("Demo requested", "Senior title (VP)");
        assertThat(factors(prediction))
                .anyMatch(f -> f.equals("No demo requested")
                        || f.startsWith("Late decision timeline")
                        || f.equals("Low engagement")
                        || f.startsWith("Industry: Retail")
                        || f.equals("Junior title (Intern)"));
    }

    @Test
    void togglingTheDemoChangesTheScoreAndTheFactor() {
        Map<String, Object> withDemo = predict(vpTechnologyWithDemo());
        Map<String, Object> withoutDemo = predict(with(vpTechnologyWithDemo(), "demo_requested", false));

        assertThat((Integer) withoutDemo.get("lead_score")).isLessThan((Integer) withDemo.get("lead_score"));
        assertThat(factors(withDemo)).contains("Demo requested");
        assertThat(factors(withoutDemo)).doesNotContain("Demo requested");
    }

    @Test
    void batchKeepsInputOrderAndMatchesSinglePredictions() {
        List<Map<String, Object>> inputs = List.of(
                internRetailNextYear(),
                vpTechnologyWithDemo(),
                with(internRetailNextYear(), "title", "Director of IT"));

        List<Map<String, Object>> batch = model.predict(inputs);

        assertThat(batch).hasSize(3);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batch.get(i)).isEqualTo(predict(inputs.get(i)));
        }
        assertThat(batch.get(0).get("recommendation")).isEqualTo("Cold");
        assertThat(batch.get(1).get("recommendation")).isEqualTo("Hot");
        assertThat(model.predict(List.of())).isEmpty();
    }

    @Test
    void textGoesThroughTheArtifactTokenizer() throws Exception {
        try (HuggingFaceTokenizer tokenizer =
                LscorRuntime.openTokenizer(Leads.COMMITTED_ARTIFACT.resolve("tokenizer.json"))) {
            assertThat(tokenizer.encode("Chief Astronaut", false, false).getTokens())
                    .containsExactly("[UNK]", "[UNK]");
            assertThat(tokenizer.encode("VP of Engineering", false, false).getTokens())
                    .containsExactly("vp", "of", "engineering");
        }
        Map<String, Object> unknownTitle = predict(with(vpTechnologyWithDemo(), "title", "Chief Astronaut"));
        Map<String, Object> otherUnknownTitle = predict(with(vpTechnologyWithDemo(), "title", "Galactic Overlord"));

        // Unknown words weigh nothing, so two unknown titles score alike and below a known senior title.
        assertThat(unknownTitle).isEqualTo(otherUnknownTitle);
        assertThat((Double) unknownTitle.get("conversion_probability"))
                .isLessThan((Double) predict(vpTechnologyWithDemo()).get("conversion_probability"));
        // The lowercase normalizer makes case irrelevant.
        assertThat(predict(with(vpTechnologyWithDemo(), "title", "vp OF ENGINEERING")))
                .isEqualTo(predict(vpTechnologyWithDemo()));
    }

    @Test
    void longUnknownTextIsQuotedShortened() {
        String longIndustry = "Interplanetary logistics and asteroid mining consultancy services";
        Map<String, Object> prediction = predict(with(internRetailNextYear(), "industry", longIndustry));

        assertThat(factors(prediction)).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void closedModelRefusesToPredict() {
        LoadedModel other = new LscorRuntime().load(Leads.COMMITTED_ARTIFACT);
        other.close();
        other.close();

        assertThatThrownBy(() -> other.predict(List.of(vpTechnologyWithDemo())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
