package ai.hokusai.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BreakingChangeGateTest {

    private static final Path RELEASED = Path.of("src/main/released/openapi.yaml");
    private static final Path CURRENT = Path.of("src/main/openapi/openapi.yaml");

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }

    @Test
    void theCurrentSpecBreaksNoClientOfTheLastReleasedOne() throws IOException {
        BreakingChangeGate.Verdict verdict = BreakingChangeGate.check(read(RELEASED), read(CURRENT));
        assertThat(verdict.passes())
                .as("breaking changes without a new major version:%n%s", verdict.report())
                .isTrue();
    }

    @Test
    void removingAnOperationIsBreakingAndNamedInTheReport() throws IOException {
        String released = read(RELEASED);
        String drifted =
                released.replace("  /api/v1/models/{modelRef}/info:\n", "  /api/v1/models/{modelRef}/about:\n");

        BreakingChangeGate.Verdict verdict = BreakingChangeGate.check(released, drifted);

        assertThat(verdict.breaking()).isTrue();
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.report()).contains("/api/v1/models/{modelRef}/info");
    }

    @Test
    void aNewRequiredRequestFieldIsBreaking() throws IOException {
        String released = read(RELEASED);
        String drifted = released.replace("      required: [inputs]\n", "      required: [inputs, options]\n");
        assertThat(drifted).isNotEqualTo(released);

        assertThat(BreakingChangeGate.check(released, drifted).passes()).isFalse();
    }

    @Test
    void aBreakingChangePassesWithANewMajorVersion() throws IOException {
        String released = read(RELEASED);
        String nextMajor = released.replace(
                        "  /api/v1/models/{modelRef}/info:\n", "  /api/v1/models/{modelRef}/about:\n")
                .replaceFirst("  version: 1\\.[0-9]+\\.[0-9]+", "  version: 2.0.0");

        BreakingChangeGate.Verdict verdict = BreakingChangeGate.check(released, nextMajor);

        assertThat(verdict.breaking()).isTrue();
        assertThat(verdict.majorVersionMoved()).isTrue();
        assertThat(verdict.passes()).isTrue();
    }

    @Test
    void anAddedOptionalFieldIsNotBreaking() throws IOException {
        String released = read(RELEASED);
        String added = released.replace("""
                        options:
                          type: object
                """, """
                        priority:
                          type: string
                          description: An added optional field.
                          example: low
                        options:
                          type: object
                """);
        assertThat(added).isNotEqualTo(released);

        assertThat(BreakingChangeGate.check(released, added).breaking()).isFalse();
    }

    @Test
    void aPatternThatOnlyRefusesNulIsNotBreakingButAnyOtherNewPatternIs() throws IOException {
        String released = read(RELEASED);
        String nameField = """
                        name:
                          type: string
                          minLength: 1
                          maxLength: 100
                """;
        assertThat(released).contains(nameField);
        String nulFree = released.replace(nameField, nameField + "          pattern: '^[^\\u0000]*$'\n");
        String lettersOnly = released.replace(nameField, nameField + "          pattern: '^[A-Za-z ]*$'\n");
        assertThat(nulFree).isNotEqualTo(released);

        assertThat(BreakingChangeGate.check(released, nulFree).breaking()).isFalse();
        assertThat(BreakingChangeGate.check(released, lettersOnly).breaking()).isTrue();
    }
}
