package ai.hokusai.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.InferenceRequest;
import ai.hokusai.runtime.oip.InferenceResponse;
import ai.hokusai.runtime.oip.InputRejectedException;
import ai.hokusai.runtime.oip.InvalidTensorException;
import ai.hokusai.runtime.oip.InvalidTensorException.Reason;
import ai.hokusai.runtime.oip.Tensor;
import ai.hokusai.runtime.oip.TensorMetadata;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The onnx runtime on a real graph (the quantised all-MiniLM-L6-v2 a Maven artifact ships), checked against ONNX
 * Runtime called directly on the same file.
 */
class OnnxTensorRuntimeTest {

    /** Two tokenised sentences of six tokens: [CLS] … [SEP]. */
    private static final long[][] IDS = {{101, 7592, 2088, 2003, 2204, 102}, {101, 2023, 2003, 1037, 3231, 102}};

    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final long[][] TYPES = new long[2][6];
    private static final int MAX_ELEMENTS = 4096;

    @TempDir
    static Path artifact;

    private static OnnxTensorModel model;
    private static OrtSession direct;

    @BeforeAll
    static void loadTheModelAndADirectSession() throws IOException, OrtException {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class
                .getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
            assertThat(in).as("the graph is in the model's Maven artifact").isNotNull();
            Files.copy(in, artifact.resolve(OnnxTensorRuntime.MODEL_FILE));
        }
        Files.writeString(
                artifact.resolve(OnnxTensorRuntime.CONFIG_FILE),
                "{\"version\": \"minilm-q\", \"max_elements\": " + MAX_ELEMENTS + "}");
        model = new OnnxTensorRuntime().load(artifact);
        direct = OrtEnvironment.getEnvironment()
                .createSession(artifact.resolve(OnnxTensorRuntime.MODEL_FILE).toString());
    }

    @AfterAll
    static void close() throws OrtException {
        model.close();
        direct.close();
    }

    @Test
    void theSignatureIsTheGraphsAsOnnxRuntimeReadsIt() throws OrtException {
        assertThat(model.signature().inputs()).isEqualTo(asOnnxRuntimeReadsIt(direct.getInputInfo()));
        assertThat(model.signature().outputs()).isEqualTo(asOnnxRuntimeReadsIt(direct.getOutputInfo()));

        assertThat(model.signature().inputs())
                .containsExactly(
                        new TensorMetadata("input_ids", Datatype.INT64, List.of(-1L, -1L)),
                        new TensorMetadata("attention_mask", Datatype.INT64, List.of(-1L, -1L)),
                        new TensorMetadata("token_type_ids", Datatype.INT64, List.of(-1L, -1L)));
        assertThat(model.signature().outputs())
                .containsExactly(new TensorMetadata("last_hidden_state", Datatype.FP32, List.of(-1L, -1L, 384L)));
    }

    @Test
    void theIdAndVersionAndLimitComeFromTheRuntimeAndTheConfig() {
        assertThat(new OnnxTensorRuntime().id()).isEqualTo("onnx");
        assertThat(model.version()).isEqualTo("minilm-q");
        assertThat(model.maxElements()).isEqualTo(MAX_ELEMENTS);
    }

    @Test
    void inferenceAgreesWithOnnxRuntimeCalledDirectly() throws OrtException {
        InferenceResponse response = model.infer(InferenceRequest.of(
                List.of(int64("input_ids", IDS), int64("attention_mask", MASK), int64("token_type_ids", TYPES))));

        float[][][] expected = directly();
        assertThat(response.outputs()).hasSize(1);
        Tensor states = response.output("last_hidden_state").orElseThrow();
        assertThat(states.datatype()).isEqualTo(Datatype.FP32);
        assertThat(states.shape()).containsExactly(2L, 6L, 384L);
        assertThat(states.data()).hasSize(2 * 6 * 384);
        double maxDifference = 0;
        int i = 0;
        for (float[][] sentence : expected) {
            for (float[] token : sentence) {
                for (float value : token) {
                    maxDifference = Math.max(
                            maxDifference, Math.abs(((Float) states.data().get(i++)) - value));
                }
            }
        }
        assertThat(maxDifference).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void theRequestedOutputsAreTheOnesAnswered() {
        InferenceResponse response = model.infer(new InferenceRequest(
                List.of(int64("input_ids", IDS), int64("attention_mask", MASK), int64("token_type_ids", TYPES)),
                List.of("last_hidden_state")));

        assertThat(response.outputs()).extracting(Tensor::name).containsExactly("last_hidden_state");
    }

    @Test
    void anInputTheGraphDoesNotTakeIsNamed() {
        InvalidTensorException fault = fault(List.of(
                int64("input_ids", IDS),
                int64("attention_mask", MASK),
                int64("token_type_ids", TYPES),
                int64("position_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.UNKNOWN_INPUT);
        assertThat(fault.tensor()).isEqualTo("position_ids");
        assertThat(fault)
                .hasMessageContaining("'position_ids'")
                .hasMessageContaining("['input_ids', 'attention_mask', 'token_type_ids']");
    }

    @Test
    void aMissingInputIsNamed() {
        InvalidTensorException fault = fault(List.of(int64("input_ids", IDS), int64("attention_mask", MASK)));

        assertThat(fault.reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(fault.tensor()).isEqualTo("token_type_ids");
    }

    @Test
    void anotherDatatypeIsNamedNotLeftToOnnxRuntime() {
        Tensor floats = new Tensor("attention_mask", Datatype.FP32, List.of(2L, 6L), flat(MASK));

        InvalidTensorException fault = fault(List.of(int64("input_ids", IDS), floats, int64("token_type_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.DATATYPE);
        assertThat(fault.tensor()).isEqualTo("attention_mask");
        assertThat(fault.pointer()).isEqualTo("/inputs/1/datatype");
        assertThat(fault).hasMessage("Input 'attention_mask' has datatype FP32; the model takes INT64.");
    }

    @Test
    void anotherNumberOfDimensionsIsNamed() {
        Tensor flatIds = new Tensor("input_ids", Datatype.INT64, List.of(12L), flat(IDS));

        InvalidTensorException fault =
                fault(List.of(flatIds, int64("attention_mask", MASK), int64("token_type_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
        assertThat(fault.tensor()).isEqualTo("input_ids");
        assertThat(fault.pointer()).isEqualTo("/inputs/0/shape");
    }

    @Test
    void dataThatDoesNotFillTheShapeIsNamed() {
        Tensor shortIds = new Tensor(
                "input_ids", Datatype.INT64, List.of(2L, 6L), flat(IDS).subList(0, 11));

        InvalidTensorException fault =
                fault(List.of(shortIds, int64("attention_mask", MASK), int64("token_type_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.DATA_LENGTH);
        assertThat(fault.tensor()).isEqualTo("input_ids");
        assertThat(fault).hasMessage("Input 'input_ids' has 11 elements in its data; its shape [2, 6] holds 12.");
    }

    @Test
    void inputsThatDisagreeOnADimensionTheGraphNamesAreRefusedByName() {
        long[][] shorterMask = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}};

        InvalidTensorException fault = fault(
                List.of(int64("input_ids", IDS), int64("attention_mask", shorterMask), int64("token_type_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
        assertThat(fault.tensor()).isEqualTo("attention_mask");
        assertThat(fault.pointer()).isEqualTo("/inputs/1/shape/1");
        assertThat(fault)
                .hasMessage("Input 'attention_mask' has size 5 in dimension 1 (sequence_length); input 'input_ids'"
                        + " has 6, and the model takes the same size in both.");
    }

    @Test
    void aValueInt64CannotHoldIsNamedWithItsPosition() {
        List<Object> ids = new ArrayList<>(flat(IDS));
        ids.set(3, 2003.5);

        InvalidTensorException fault = fault(List.of(
                new Tensor("input_ids", Datatype.INT64, List.of(2L, 6L), ids),
                int64("attention_mask", MASK),
                int64("token_type_ids", TYPES)));

        assertThat(fault.reason()).isEqualTo(Reason.VALUE);
        assertThat(fault.tensor()).isEqualTo("input_ids");
        assertThat(fault.pointer()).isEqualTo("/inputs/0/data/3");
    }

    @Test
    void aRequestOverTheModelsElementLimitIsRefusedAtTheInputThatCrossesIt() {
        long[][] wide = new long[1][1500];

        InvalidTensorException fault =
                fault(List.of(int64("input_ids", wide), int64("attention_mask", wide), int64("token_type_ids", wide)));

        assertThat(fault.reason()).isEqualTo(Reason.TOO_MANY_ELEMENTS);
        assertThat(fault.tensor()).isEqualTo("token_type_ids");
        assertThat(fault).hasMessageContaining("4500 elements").hasMessageContaining("at most 4096");
    }

    @Test
    void anOutputTheGraphDoesNotReturnIsNamed() {
        InvalidTensorException fault = catchThrowableOfType(
                InvalidTensorException.class,
                () -> model.infer(new InferenceRequest(
                        List.of(int64("input_ids", IDS), int64("attention_mask", MASK), int64("token_type_ids", TYPES)),
                        List.of("pooler_output"))));

        assertThat(fault.reason()).isEqualTo(Reason.UNKNOWN_OUTPUT);
        assertThat(fault.tensor()).isEqualTo("pooler_output");
        assertThat(fault).hasMessageContaining("['last_hidden_state']");
    }

    @Test
    void valuesTheGraphItselfRefusesAreTheCallersFault() {
        long[][] beyondTheVocabulary = {{101, 999_999, 102}};

        assertThatThrownBy(() -> model.infer(InferenceRequest.of(List.of(
                        int64("input_ids", beyondTheVocabulary),
                        int64("attention_mask", new long[][] {{1, 1, 1}}),
                        int64("token_type_ids", new long[1][3])))))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageStartingWith("The model refused the inputs: ")
                .hasMessageContaining("999999")
                .hasMessageNotContaining("ORT_INVALID_ARGUMENT");
    }

    @Test
    void predictIsNotHowThisModelIsAsked() {
        assertThatThrownBy(() -> model.predict(List.of(Map.of("text", "hello"))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("tensor requests");
    }

    @Test
    void aDirectoryWithoutAModelIsRefusedByName(@TempDir Path empty) {
        assertThatThrownBy(() -> new OnnxTensorRuntime().load(empty))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("model.onnx");
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsRefused(@TempDir Path broken) throws IOException {
        Files.writeString(broken.resolve("model.onnx"), "not a model");

        assertThatThrownBy(() -> new OnnxTensorRuntime().load(broken))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("cannot load ONNX model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "134217729", "2.5", "\"many\""})
    void anElementLimitThatIsNotAWholeNumberInItsRangeIsRefused(String limit, @TempDir Path directory)
            throws IOException {
        Files.copy(artifact.resolve("model.onnx"), directory.resolve("model.onnx"));
        Files.writeString(directory.resolve("config.json"), "{\"max_elements\": " + limit + "}");

        assertThatThrownBy(() -> new OnnxTensorRuntime().load(directory))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("max_elements")
                .hasMessageContaining("a whole number between 1 and 134217728");
    }

    private static InvalidTensorException fault(List<Tensor> inputs) {
        return catchThrowableOfType(InvalidTensorException.class, () -> model.infer(InferenceRequest.of(inputs)));
    }

    private static Tensor int64(String name, long[][] values) {
        return new Tensor(name, Datatype.INT64, List.of((long) values.length, (long) values[0].length), flat(values));
    }

    private static List<Object> flat(long[][] values) {
        return Arrays.stream(values)
                .flatMapToLong(Arrays::stream)
                .boxed()
                .map(Object.class::cast)
                .toList();
    }

    private float[][][] directly() throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(environment, IDS));
            feed.put("attention_mask", OnnxTensor.createTensor(environment, MASK));
            feed.put("token_type_ids", OnnxTensor.createTensor(environment, TYPES));
            try (OrtSession.Result result = direct.run(feed)) {
                return (float[][][]) result.get(0).getValue();
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** The graph's tensors as ONNX Runtime itself reports them, in the protocol's terms. */
    private static List<TensorMetadata> asOnnxRuntimeReadsIt(Map<String, NodeInfo> nodes) {
        Map<TensorInfo.OnnxTensorType, Datatype> datatypes = Map.of(
                TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, Datatype.INT64,
                TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, Datatype.FP32);
        return nodes.values().stream()
                .map(node -> {
                    TensorInfo info = (TensorInfo) node.getInfo();
                    return new TensorMetadata(
                            node.getName(),
                            datatypes.get(info.onnxType),
                            Arrays.stream(info.getShape()).boxed().toList());
                })
                .toList();
    }
}
