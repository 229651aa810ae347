package ai.hokusai.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.config.ApiSpecDocument;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelRefTest {

    @Test
    void aNumberIsAModelNumber() {
        assertThat(ModelRef.parse("21")).isEqualTo(new ModelRef.ModelNumber(21));
    }

    @Test
    void aSlugIsASlug() {
        assertThat(ModelRef.parse("lscor-v2")).isEqualTo(new ModelRef.Slug("lscor-v2"));
    }

    @Test
    void aUuidIsADeploymentEvenWhenEveryCharacterCouldBelongToASlug() {
        String uuid = "abcdefab-cdef-4abc-8def-abcdefabcdef";
        assertThat(ModelRef.parse(uuid)).isEqualTo(new ModelRef.DeploymentUuid(UUID.fromString(uuid)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "021", "0", "Lscor", "lscor--v2", "-lscor", "lscor_v2", "1234567890", "21.0"})
    void anythingElseIsRejected(String text) {
        assertThatThrownBy(() -> ModelRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The parser and the spec's pattern must accept the same strings, or a 404 could hide a 400 or the reverse. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "21",
                "1",
                "999999999",
                "lscor-v2",
                "a",
                "a1-b2",
                "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21",
                "6F1C2A4E-8D3B-4B7A-9C2E-5A1D0E7F3B21",
                "021",
                "Lscor",
                "lscor_v2",
                "x--y",
                "1234567890"
            })
    void theParserAgreesWithTheSpecsPattern(String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) new ApiSpecDocument()
                .resolve("#/components/parameters/ModelRef")
                .get("schema");
        boolean specAccepts =
                Pattern.compile((String) schema.get("pattern")).matcher(text).find();
        boolean parserAccepts;
        try {
            ModelRef.parse(text);
            parserAccepts = true;
        } catch (IllegalArgumentException e) {
            parserAccepts = false;
        }
        assertThat(parserAccepts).isEqualTo(specAccepts);
    }
}
