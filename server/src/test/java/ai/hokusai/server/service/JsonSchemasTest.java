package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSchemasTest {

    private static final Schema BOUNDED_INTEGER = JsonSchemas.compile("""
            {"type": "object", "properties": {
              "size": {"type": "integer", "minimum": 1, "maximum": 100},
              "score": {"type": "number"}}}
            """);

    private static List<String> bodyErrors(String json) throws JsonSchemas.NotJsonException {
        return JsonSchemas.validateJson(
                        BOUNDED_INTEGER, json.getBytes(StandardCharsets.UTF_8), (pointer, message) -> {})
                .stream()
                .map(e -> e.getInstanceLocation() + " " + e.getKeyword())
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e300", "1.0E300", "1e400", "1e1000000000", "9223372036854775808.5"})
    void aNumberBeyondALongBreaksAnIntegerMaximumInsteadOfTheValidator(String number) throws Exception {
        assertThat(bodyErrors("{\"size\": " + number + "}")).contains("/size maximum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1e300", "-1e400", "-1e1000000000"})
    void aNegativeNumberBeyondALongBreaksAnIntegerMinimum(String number) throws Exception {
        assertThat(bodyErrors("{\"size\": " + number + "}")).contains("/size minimum");
    }

    @Test
    void numbersWithinBoundsAndUnboundedNumbersPass() throws Exception {
        assertThat(bodyErrors("{\"size\": 50, \"score\": 1e300}")).isEmpty();
    }

    @Test
    void boundValuesFromBindingAreCheckedTheSameWay() {
        List<Error> errors = JsonSchemas.validate(
                BOUNDED_INTEGER, Map.of("size", Double.POSITIVE_INFINITY, "score", new BigDecimal("1e400")));
        assertThat(errors).extracting(e -> e.getInstanceLocation().toString()).containsExactly("/size");
    }

    private static final Schema FRACTIONS = JsonSchemas.compile("""
            {"type": "object", "properties": {
              "count": {"type": "integer", "minimum": 0},
              "ratio": {"type": "number", "minimum": 0, "maximum": 5},
              "items": {"type": "array", "items": {"type": "integer", "minimum": 0}}}}
            """);

    private static List<String> fractionErrors(String json) throws JsonSchemas.NotJsonException {
        return JsonSchemas.validateJson(FRACTIONS, json.getBytes(StandardCharsets.UTF_8), (pointer, message) -> {})
                .stream()
                .map(e -> e.getInstanceLocation() + " " + e.getKeyword())
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808.5", "123456789012345678901234567890.25", "-9223372036854775809.5"})
    void aNumberBeyondALongWithAFractionIsNotAnInteger(String number) throws Exception {
        assertThat(fractionErrors("{\"count\": " + number + ", \"items\": [1, " + number + "]}"))
                .contains("/count type", "/items/1 type")
                .doesNotContain("/items/0 type");
    }

    @Test
    void aNumberBeyondALongWithAFractionStillBreaksANumbersBound() throws Exception {
        assertThat(fractionErrors("{\"count\": 1e300, \"ratio\": 9223372036854775808.5}"))
                .containsExactly("/ratio maximum");
    }

    @Test
    void aNumberBeyondALongWrittenWithZerosAfterThePointIsAnInteger() throws Exception {
        assertThat(fractionErrors("{\"count\": 9223372036854775808.000, \"items\": [1.5e400]}"))
                .isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsNotJson() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bodyErrors("{\"size\": 1, \"size\": 2}"))
                .isInstanceOf(JsonSchemas.NotJsonException.class)
                .hasMessageContaining("size");
    }
}
