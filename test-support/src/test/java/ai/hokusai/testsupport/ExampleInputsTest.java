package ai.hokusai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ExampleInputsTest {

    @Test
    void theLeadIsTheInputOfThePredictRequestExample() {
        Map<String, Object> lead = ExampleInputs.lead();

        assertThat(lead).isEqualTo(ExampleInputs.predictRequest().get("inputs"));
        assertThat(lead).containsEntry("company_size", 1000).containsEntry("title", "VP of Engineering");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLeadHasExactlyTheFieldsOfLeadScoringInput() throws IOException {
        Map<String, Object> spec;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ExampleInputs.SPEC_RESOURCE)) {
            spec = new Yaml().load(in);
        }
        Map<String, Object> components = (Map<String, Object>) spec.get("components");
        Map<String, Object> schema =
                (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("LeadScoringInput");
        List<String> required = (List<String>) schema.get("required");

        assertThat(ExampleInputs.lead().keySet()).containsExactlyInAnyOrderElementsOf(required);
    }

    @Test
    void theBatchExampleStartsWithTheLeadAndHoldsAnother() {
        List<Map<String, Object>> leads = ExampleInputs.leads();

        assertThat(leads).hasSize(2);
        assertThat(leads.get(0)).isEqualTo(ExampleInputs.lead());
        assertThat(leads.get(1))
                .isNotEqualTo(ExampleInputs.lead())
                .containsOnlyKeys(ExampleInputs.lead().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCallAnswersAFreshCopy() {
        ExampleInputs.lead().put("company_size", 5);
        ((Map<String, Object>) ExampleInputs.predictRequest().get("inputs")).clear();

        assertThat(ExampleInputs.lead()).containsEntry("company_size", 1000);
        assertThat(ExampleInputs.predictRequest().get("inputs")).isEqualTo(ExampleInputs.lead());
    }

    @Test
    void theJsonTextHoldsTheSameValuesInTheSameOrder() throws IOException {
        ObjectMapper json = new ObjectMapper();

        assertThat(json.readValue(ExampleInputs.leadJson(), Map.class)).isEqualTo(ExampleInputs.lead());
        assertThat(json.readValue(ExampleInputs.predictRequestJson(), Map.class))
                .isEqualTo(ExampleInputs.predictRequest());
        assertThat(ExampleInputs.leadJson()).startsWith("{\"company_size\":1000,\"industry\":\"Technology\"");
        assertThat(ExampleInputs.predictRequestJson())
                .startsWith("{\"inputs\":{")
                .endsWith(",\"options\":{}}");
    }
}
