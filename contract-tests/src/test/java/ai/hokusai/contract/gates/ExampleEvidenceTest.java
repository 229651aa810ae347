package ai.hokusai.contract.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExampleEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aScoreTypedByHandIsReportedWithBothValues() throws Exception {
        assertThat(ExampleEvidence.differences(
                        json("{'predictions': {'lead_score': 82, 'confidence': 0.64}}"),
                        json("{'predictions': {'lead_score': 98, 'confidence': 0.9682}}")))
                .containsExactly(
                        "/predictions/lead_score: documented 82, the server answers 98",
                        "/predictions/confidence: documented 0.64, the server answers 0.9682");
    }

    @Test
    void factorsInAnotherOrderAreADifference() throws Exception {
        assertThat(ExampleEvidence.differences(
                        json("{'factors': ['Demo requested', 'Senior title (VP)']}"),
                        json("{'factors': ['Senior title (VP)', 'Demo requested']}")))
                .hasSize(2);
    }

    @Test
    void idsTimestampsAndRequestIdsAreComparedByKindOnly() throws Exception {
        JsonNode documented =
                json("{'id': '6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21', 'created_at': '2026-01-15T09:30:00Z',"
                        + " 'metadata': {'request_id': 'req_1', 'latency_ms': 0.4}}");
        assertThat(
                        ExampleEvidence.differences(
                                documented,
                                json(
                                        "{'id': '0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c',"
                                                + " 'created_at': '2026-11-30T06:41:53.692639Z', 'metadata': {'request_id': 'req_2', 'latency_ms': 2.6}}")))
                .isEmpty();
        assertThat(ExampleEvidence.differences(
                        documented,
                        json("{'id': '21', 'created_at': 'yesterday',"
                                + " 'metadata': {'request_id': 7, 'latency_ms': 2.6}}")))
                .hasSize(3);
    }

    @Test
    void aFieldTheExampleDoesNotShowOrOmitsIsADifference() throws Exception {
        assertThat(ExampleEvidence.differences(json("{'a': 1, 'b': null}"), json("{'a': 1, 'c': 2}")))
                .containsExactly("/c: the server answers 2, the example does not show it");
        assertThat(ExampleEvidence.differences(json("{'a': 1, 'b': 2}"), json("{'a': 1}")))
                .containsExactly("/b: documented 2, missing from the answer");
    }

    @Test
    void anAbbreviatedSchemaMustHoldInWhatItShows() throws Exception {
        assertThat(ExampleEvidence.differences(
                        json("{'input_schema': {'type': 'object'}}"),
                        json("{'input_schema': {'type': 'object', 'required': ['title']}}")))
                .isEmpty();
        assertThat(ExampleEvidence.differences(
                        json("{'input_schema': {'type': 'array'}}"), json("{'input_schema': {'type': 'object'}}")))
                .hasSize(1);
    }

    @Test
    void numbersCompareByValueNotBySpelling() throws Exception {
        assertThat(ExampleEvidence.differences(json("{'engagement_score': 75}"), json("{'engagement_score': 75.0}")))
                .isEmpty();
    }
}
