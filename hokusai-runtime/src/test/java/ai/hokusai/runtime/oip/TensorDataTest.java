package ai.hokusai.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    private static final String DATA = "/inputs/0/data";

    @Test
    void flatDataComesBackAsItIs() {
        assertThat(TensorData.flatten("x", DATA, List.of(2L, 2L), List.of(1, 2, 4, 5)))
                .containsExactly(1, 2, 4, 5);
        // Its length is the validator's to judge, not this flattening's.
        assertThat(TensorData.flatten("x", DATA, List.of(2L, 2L), List.of(1, 2, 3)))
                .containsExactly(1, 2, 3);
    }

    @Test
    void theProtocolsOwnExampleIsFlattenedRowMajor() {
        assertThat(TensorData.flatten("x", DATA, List.of(2L, 2L), List.of(List.of(1, 2), List.of(4, 5))))
                .containsExactly(1, 2, 4, 5);
    }

    @Test
    void threeDimensionsAndTextAreFlattenedAlike() {
        List<?> nested = List.of(
                List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")),
                List.of(List.of("g", "h"), List.of("i", "j"), List.of("k", "l")));

        assertThat(TensorData.flatten("text", DATA, List.of(2L, 3L, 2L), nested))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
    }

    @Test
    void aRowShorterThanItsDimensionIsNamed() {
        assertThatThrownBy(() ->
                        TensorData.flatten("input_ids", DATA, List.of(2L, 3L), List.of(List.of(1, 2, 3), List.of(4))))
                .isInstanceOfSatisfying(InvalidTensorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidTensorException.Reason.DATA_LENGTH);
                    assertThat(e.tensor()).isEqualTo("input_ids");
                    assertThat(e.pointer()).isEqualTo("/inputs/0/data/1");
                    assertThat(e.getMessage()).contains("'input_ids'", "holds 1 elements where dimension 1 is 3");
                });
    }

    @Test
    void nestingDeeperOrShallowerThanTheShapeIsNamed() {
        assertThatThrownBy(() -> TensorData.flatten("x", DATA, List.of(2L), List.of(List.of(1), List.of(2))))
                .isInstanceOfSatisfying(
                        InvalidTensorException.class,
                        e -> assertThat(e.pointer()).isEqualTo("/inputs/0/data/0"));
        assertThatThrownBy(() -> TensorData.flatten("x", DATA, List.of(2L, 1L), List.of(List.of(1), 2)))
                .isInstanceOfSatisfying(InvalidTensorException.class, e -> {
                    assertThat(e.pointer()).isEqualTo("/inputs/0/data/1");
                    assertThat(e.getMessage()).contains("needs an array");
                });
        assertThatThrownBy(() -> TensorData.flatten("x", DATA, List.of(1L, 1L), List.of(List.of(List.of(1)))))
                .isInstanceOfSatisfying(
                        InvalidTensorException.class,
                        e -> assertThat(e.pointer()).isEqualTo("/inputs/0/data/0/0"));
    }

    @Test
    void nestedDataForAShapeOfAnotherSizeIsNamedAtTheTop() {
        assertThatThrownBy(() -> TensorData.flatten("x", DATA, List.of(3L, 1L), List.of(List.of(1), List.of(2))))
                .isInstanceOfSatisfying(InvalidTensorException.class, e -> {
                    assertThat(e.pointer()).isEqualTo(DATA);
                    assertThat(e.getMessage()).contains("holds 2 elements where dimension 0 is 3");
                });
    }
}
