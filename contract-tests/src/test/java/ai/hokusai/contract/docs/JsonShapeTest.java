package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void acceptsOtherValuesOfTheSameShape() throws Exception {
        assertThat(
                        JsonShape.mismatches(
                                json(
                                        "{\"lead_score\": 82, \"recommendation\": \"Hot\", \"factors\": [\"Demo requested\"], \"id\": null}"),
                                json(
                                        "{\"lead_score\": 31, \"recommendation\": \"Cold\", \"factors\": [\"a\", \"b\"], \"id\": \"x\"}")))
                .isEmpty();
    }

    @Test
    void rejectsARenamedField() throws Exception {
        assertThat(JsonShape.mismatches(json("{\"lead_score\": 82}"), json("{\"score\": 82}")))
                .containsExactlyInAnyOrder(
                        "/lead_score: documented but missing from the response",
                        "/score: in the response but not in the docs");
    }

    @Test
    void rejectsAChangedTypeDeepInside() throws Exception {
        assertThat(JsonShape.mismatches(
                        json("{\"predictions\": {\"lead_score\": 82}}"),
                        json("{\"predictions\": {\"lead_score\": \"82\"}}")))
                .singleElement()
                .asString()
                .startsWith("/predictions/lead_score: documented as number");
    }

    @Test
    void checksEveryArrayElementAgainstTheDocumentedOne() throws Exception {
        assertThat(JsonShape.mismatches(
                        json("{\"errors\": [{\"pointer\": \"/a\"}]}"),
                        json("{\"errors\": [{\"pointer\": \"/a\"}, {\"pointer\": 3}]}")))
                .singleElement()
                .asString()
                .startsWith("/errors/1/pointer");
    }

    @Test
    void acceptsAnUndocumentedFieldOnlyWhenNull() throws Exception {
        assertThat(JsonShape.mismatches(json("{\"a\": 1}"), json("{\"a\": 1, \"detail\": null}")))
                .isEmpty();
        assertThat(JsonShape.mismatches(json("{\"a\": 1}"), json("{\"a\": 1, \"detail\": \"x\"}")))
                .hasSize(1);
    }

    @Test
    void acceptsAnyObjectWhereTheContractDeclaresAFreeFormOne() throws Exception {
        JsonNode documented = json("{\"data\": [{\"input_schema\": {\"type\": \"object\"}}]}");
        JsonNode actual = json("{\"data\": [{\"input_schema\": {\"type\": \"object\", \"required\": [\"a\"]}}]}");
        assertThat(JsonShape.mismatches(documented, actual)).hasSize(1);
        assertThat(JsonShape.mismatches(documented, actual, java.util.Set.of("/data/*/input_schema")))
                .isEmpty();
        assertThat(JsonShape.mismatches(
                        documented,
                        json("{\"data\": [{\"input_schema\": \"x\"}]}"),
                        java.util.Set.of("/data/*/input_schema")))
                .as("still an object")
                .hasSize(1);
    }
}
