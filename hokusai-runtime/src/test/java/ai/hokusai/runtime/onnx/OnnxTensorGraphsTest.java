package ai.hokusai.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.InferenceRequest;
import ai.hokusai.runtime.oip.InferenceResponse;
import ai.hokusai.runtime.oip.InvalidTensorException;
import ai.hokusai.runtime.oip.InvalidTensorException.Reason;
import ai.hokusai.runtime.oip.Tensor;
import ai.hokusai.runtime.oip.TensorMetadata;
import ai.hokusai.runtime.onnx.TinyOnnxGraphs.Node;
import ai.hokusai.runtime.onnx.TinyOnnxGraphs.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The onnx runtime on small graphs written for the purpose: every element type it serves goes in and comes back
 * unchanged, fixed sizes are held to, outputs are chosen, and graphs it cannot serve are refused when loaded.
 */
class OnnxTensorGraphsTest {

    @TempDir
    Path artifact;

    static Stream<Arguments> elementTypes() {
        return Stream.of(
                Arguments.of(TinyOnnxGraphs.BOOL, Datatype.BOOL, List.of(true, false, false, true)),
                Arguments.of(TinyOnnxGraphs.UINT8, Datatype.UINT8, List.of(0, 1, 128, 255)),
                Arguments.of(TinyOnnxGraphs.INT8, Datatype.INT8, List.of(-128, -1, 0, 127)),
                Arguments.of(TinyOnnxGraphs.INT16, Datatype.INT16, List.of(-32768, -1, 2, 32767)),
                Arguments.of(
                        TinyOnnxGraphs.INT32, Datatype.INT32, List.of(Integer.MIN_VALUE, -1, 3, Integer.MAX_VALUE)),
                Arguments.of(TinyOnnxGraphs.INT64, Datatype.INT64, List.of(Long.MIN_VALUE, -1, 4.0, Long.MAX_VALUE)),
                Arguments.of(TinyOnnxGraphs.FLOAT16, Datatype.FP16, List.of(-65504, 0.5, 1, 65504)),
                Arguments.of(TinyOnnxGraphs.FLOAT, Datatype.FP32, List.of(-1.5, 0, 0.25, 3.0e38)),
                Arguments.of(TinyOnnxGraphs.DOUBLE, Datatype.FP64, List.of(-1.0e300, 0, 0.1, Double.MAX_VALUE)),
                Arguments.of(TinyOnnxGraphs.STRING, Datatype.BYTES, List.of("a", "", "café", "日本")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("elementTypes")
    void everyServedElementTypeGoesThroughUnchanged(int elementType, Datatype datatype, List<Object> data)
            throws IOException {
        TinyOnnxGraphs.identity(artifact.resolve("model.onnx"), elementType, 2L, "n");

        try (OnnxTensorModel model = new OnnxTensorRuntime().load(artifact)) {
            assertThat(model.signature().inputs()).containsExactly(new TensorMetadata("x", datatype, List.of(2L, -1L)));
            assertThat(model.signature().outputs())
                    .containsExactly(new TensorMetadata("y", datatype, List.of(2L, -1L)));

            Tensor y = model.infer(InferenceRequest.of(List.of(new Tensor("x", datatype, List.of(2L, 2L), data))))
                    .output("y")
                    .orElseThrow();

            assertThat(y.datatype()).isEqualTo(datatype);
            assertThat(y.shape()).containsExactly(2L, 2L);
            assertThat(y.data()).hasSize(data.size());
            for (int i = 0; i < data.size(); i++) {
                assertThat(sameValue(y.data().get(i), data.get(i), datatype))
                        .as(
                                "element %d: %s in, %s out",
                                i, data.get(i), y.data().get(i))
                        .isTrue();
            }
        }
    }

    @Test
    void aScalarStringGoesThroughUnchanged() throws IOException {
        TinyOnnxGraphs.identity(artifact.resolve("model.onnx"), TinyOnnxGraphs.STRING);

        try (OnnxTensorModel model = new OnnxTensorRuntime().load(artifact)) {
            Tensor y = model.infer(
                            InferenceRequest.of(List.of(new Tensor("x", Datatype.BYTES, List.of(), List.of("solo")))))
                    .output("y")
                    .orElseThrow();

            assertThat(y.shape()).isEmpty();
            assertThat(y.data()).isEqualTo(List.of("solo"));
        }
    }

    @Test
    void aSizeTheGraphFixesIsHeldTo() throws IOException {
        TinyOnnxGraphs.identity(artifact.resolve("model.onnx"), TinyOnnxGraphs.FLOAT, 2L, "n");

        try (OnnxTensorModel model = new OnnxTensorRuntime().load(artifact)) {
            InvalidTensorException fault = catchThrowableOfType(
                    InvalidTensorException.class,
                    () -> model.infer(InferenceRequest.of(
                            List.of(new Tensor("x", Datatype.FP32, List.of(3L, 1L), List.of(1, 2, 3))))));

            assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
            assertThat(fault.tensor()).isEqualTo("x");
            assertThat(fault.pointer()).isEqualTo("/inputs/0/shape/0");
            assertThat(fault).hasMessageContaining("the model takes 2 there [2, -1]");
        }
    }

    @Test
    void theOutputsAnsweredAreTheRequestedOnesInTheirOrderOrElseAllInTheGraphsOrder() throws IOException {
        TinyOnnxGraphs.write(
                artifact.resolve("model.onnx"),
                List.of(
                        new Node("Identity", List.of("x"), List.of("same")),
                        new Node("Neg", List.of("x"), List.of("negated"))),
                List.of(Value.tensor("x", TinyOnnxGraphs.FLOAT, "n")),
                List.of(
                        Value.tensor("same", TinyOnnxGraphs.FLOAT, "n"),
                        Value.tensor("negated", TinyOnnxGraphs.FLOAT, "n")));
        List<Tensor> inputs = List.of(new Tensor("x", Datatype.FP32, List.of(2L), List.of(1.5, -2)));

        try (OnnxTensorModel model = new OnnxTensorRuntime().load(artifact)) {
            InferenceResponse all = model.infer(InferenceRequest.of(inputs));
            InferenceResponse negated = model.infer(new InferenceRequest(inputs, List.of("negated")));
            InferenceResponse reversed = model.infer(new InferenceRequest(inputs, List.of("negated", "same")));

            assertThat(all.outputs()).extracting(Tensor::name).containsExactly("same", "negated");
            assertThat(negated.outputs()).extracting(Tensor::name).containsExactly("negated");
            assertThat(negated.outputs().get(0).data()).isEqualTo(List.of(-1.5f, 2.0f));
            assertThat(reversed.outputs()).extracting(Tensor::name).containsExactly("negated", "same");
        }
    }

    @Test
    void aGraphWithAnElementTypeNotServedIsRefusedWhenLoaded() throws IOException {
        TinyOnnxGraphs.identity(artifact.resolve("model.onnx"), TinyOnnxGraphs.UINT32, "n");

        assertThatThrownBy(() -> new OnnxTensorRuntime().load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("input 'x'")
                .hasMessageContaining("UINT32")
                .hasMessageContaining("serves [BOOL, UINT8, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES]");
    }

    @Test
    void aGraphWithAnInputThatIsNotATensorIsRefusedWhenLoaded() throws IOException {
        TinyOnnxGraphs.write(
                artifact.resolve("model.onnx"),
                List.of(new Node("Identity", List.of("x"), List.of("y"))),
                List.of(Value.sequenceOf("x", TinyOnnxGraphs.FLOAT)),
                List.of(Value.sequenceOf("y", TinyOnnxGraphs.FLOAT)));

        assertThatThrownBy(() -> new OnnxTensorRuntime().load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("input 'x' is not a tensor");
    }

    @Test
    void theHubsLayoutIsReadToo() throws IOException {
        Files.createDirectories(artifact.resolve("onnx"));
        TinyOnnxGraphs.identity(artifact.resolve("onnx/model.onnx"), TinyOnnxGraphs.INT32, "n");

        try (OnnxTensorModel model = new OnnxTensorRuntime().load(artifact)) {
            assertThat(model.version()).isEqualTo("unversioned");
            assertThat(model.maxElements()).isEqualTo(OnnxTensorRuntime.DEFAULT_MAX_ELEMENTS);
            assertThat(model.signature().inputs())
                    .extracting(TensorMetadata::datatype)
                    .containsExactly(Datatype.INT32);
        }
    }

    private static boolean sameValue(Object out, Object in, Datatype datatype) {
        if (datatype == Datatype.BOOL || datatype == Datatype.BYTES) {
            return out.equals(in);
        }
        BigDecimal expected = new BigDecimal(in.toString());
        if (datatype == Datatype.FP32 || datatype == Datatype.FP16) {
            expected = new BigDecimal(Float.toString(((Number) in).floatValue()));
        }
        return new BigDecimal(out.toString()).compareTo(expected) == 0;
    }
}
