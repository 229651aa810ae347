package ai.hokusai.training.lscor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.lscor.LscorRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed model 21 over hundreds of generated leads: properties that need the whole spread of inputs the
 * synthetic process draws, which only this module (not the server) can generate.
 */
class SyntheticLeadsScoringTest {

    private static LoadedModel model;

    @BeforeAll
    static void load() {
        model = new LscorRuntime().load(LscorTrainer.COMMITTED_ARTIFACT);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @SuppressWarnings("unchecked")
    private static List<String> factors(Map<String, Object> prediction) {
        return (List<String>) prediction.get("factors");
    }

    private static List<Map<String, Object>> syntheticInputs(int count) {
        return SyntheticLeads.generate(7, count).stream()
                .map(SyntheticLeads.Lead::input)
                .toList();
    }

    @Test
    void scoreTierAndConfidenceFollowTheProbability() {
        List<Map<String, Object>> predictions = model.predict(syntheticInputs(400));

        for (Map<String, Object> p : predictions) {
            double probability = (Double) p.get("conversion_probability");
            int score = (Integer) p.get("lead_score");
            assertThat(probability).isBetween(0.0, 1.0);
            assertThat(score).isEqualTo((int) Math.round(probability * 100));
            assertThat((Double) p.get("confidence")).isCloseTo(Math.abs(2 * probability - 1), within(1e-9));
            String expectedTier = score >= 70 ? "Hot" : score >= 40 ? "Warm" : "Cold";
            assertThat(p.get("recommendation")).isEqualTo(expectedTier);
        }
        assertThat(predictions).extracting(p -> p.get("recommendation")).contains("Hot", "Warm", "Cold");
    }

    @Test
    void factorsAreReadableAndAgreeWithTheInput() {
        List<Map<String, Object>> inputs = syntheticInputs(400);
        List<Map<String, Object>> predictions = model.predict(inputs);

        for (int i = 0; i < inputs.size(); i++) {
            Map<String, Object> input = inputs.get(i);
            List<String> factors = factors(predictions.get(i));
            assertThat(factors).isNotEmpty().hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
            assertThat(factors).allSatisfy(f -> assertThat(f).isNotBlank().doesNotContain("{", "}", "_"));
            boolean demo = (Boolean) input.get("demo_requested");
            boolean budget = (Boolean) input.get("budget_confirmed");
            if (!demo) {
                assertThat(factors).doesNotContain("Demo requested");
            } else {
                assertThat(factors).doesNotContain("No demo requested");
            }
            if (!budget) {
                assertThat(factors).doesNotContain("Budget confirmed");
            } else {
                assertThat(factors).doesNotContain("Budget not confirmed");
            }
            factors.stream()
                    .filter(f -> f.startsWith("Industry: "))
                    .forEach(f -> assertThat(f).startsWith("Industry: " + input.get("industry")));
            factors.stream()
                    .filter(f -> f.startsWith("Senior title ("))
                    .forEach(f -> assertThat(((String) input.get("title")).toLowerCase())
                            .containsAnyOf("vp", "vice", "director"));
        }
        assertThat(predictions).flatExtracting(p -> factors(p)).contains("Demo requested", "No demo requested");
    }

    @Test
    void concurrentPredictionsAgreeWithSequentialOnes() throws Exception {
        List<Map<String, Object>> inputs = syntheticInputs(100);
        List<Map<String, Object>> expected = model.predict(inputs);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Map<String, Object>>>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> model.predict(inputs)));
            }
            for (Future<List<Map<String, Object>>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
