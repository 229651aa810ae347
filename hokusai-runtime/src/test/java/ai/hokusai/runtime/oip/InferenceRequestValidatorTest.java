package ai.hokusai.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hokusai.runtime.oip.InvalidTensorException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fault a request can have, found before a model runs and reported by tensor name and position. */
class InferenceRequestValidatorTest {

    private static final TensorSignature SIGNATURE = new TensorSignature(
            List.of(
                    new TensorMetadata("ids", Datatype.INT64, List.of(-1L, 4L)),
                    new TensorMetadata("mask", Datatype.BOOL, List.of(-1L))),
            List.of(
                    new TensorMetadata("scores", Datatype.FP32, List.of(-1L)),
                    new TensorMetadata("labels", Datatype.BYTES, List.of(-1L))));
    private static final long LIMIT = 20;

    private static Tensor ids(Object... data) {
        return new Tensor("ids", Datatype.INT64, List.of(data.length / 4L, 4L), Arrays.asList(data));
    }

    private static Tensor mask(int length) {
        return new Tensor("mask", Datatype.BOOL, List.of((long) length), Collections.nCopies(length, true));
    }

    private static InvalidTensorException fault(InferenceRequest request) {
        return catchThrowableOfType(
                InvalidTensorException.class, () -> InferenceRequestValidator.validate(request, SIGNATURE, LIMIT));
    }

    private static InvalidTensorException fault(List<Tensor> inputs) {
        return fault(InferenceRequest.of(inputs));
    }

    @Test
    void aRequestThatFitsPasses() {
        InferenceRequest request =
                new InferenceRequest(List.of(mask(2), ids(1L, 2, 3, 4, 5, 6, 7, 8)), List.of("labels", "scores"));

        assertThatCode(() -> InferenceRequestValidator.validate(request, SIGNATURE, LIMIT))
                .doesNotThrowAnyException();
    }

    @Test
    void anInputTheModelDoesNotTakeIsNamed() {
        InvalidTensorException fault = fault(List.of(ids(1, 2, 3, 4), mask(1), tensor("idz", Datatype.INT64, 1)));

        assertThat(fault.reason()).isEqualTo(Reason.UNKNOWN_INPUT);
        assertThat(fault.tensor()).isEqualTo("idz");
        assertThat(fault.pointer()).isEqualTo("/inputs/2/name");
        assertThat(fault).hasMessage("Input 'idz' is not one the model takes; it takes ['ids', 'mask'].");
    }

    @Test
    void anInputGivenTwiceIsNamed() {
        InvalidTensorException fault = fault(List.of(ids(1, 2, 3, 4), mask(1), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.DUPLICATE_INPUT);
        assertThat(fault.tensor()).isEqualTo("mask");
        assertThat(fault.pointer()).isEqualTo("/inputs/2/name");
    }

    @Test
    void aMissingInputIsNamed() {
        InvalidTensorException fault = fault(List.of(ids(1, 2, 3, 4)));

        assertThat(fault.reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(fault.tensor()).isEqualTo("mask");
        assertThat(fault.pointer()).isEqualTo("/inputs");
        assertThat(fault).hasMessage("Input 'mask' is missing; the model takes ['ids', 'mask'].");
    }

    @Test
    void anotherDatatypeIsNamed() {
        InvalidTensorException fault =
                fault(List.of(new Tensor("ids", Datatype.FP32, List.of(1L, 4L), List.of(1, 2, 3, 4)), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.DATATYPE);
        assertThat(fault.tensor()).isEqualTo("ids");
        assertThat(fault.pointer()).isEqualTo("/inputs/0/datatype");
        assertThat(fault).hasMessage("Input 'ids' has datatype FP32; the model takes INT64.");
    }

    @Test
    void anotherNumberOfDimensionsIsNamed() {
        InvalidTensorException fault =
                fault(List.of(new Tensor("ids", Datatype.INT64, List.of(4L), List.of(1, 2, 3, 4)), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
        assertThat(fault.pointer()).isEqualTo("/inputs/0/shape");
        assertThat(fault)
                .hasMessage("Input 'ids' has 1 dimension [4]; the model takes 2 dimensions [-1, 4], -1 meaning any"
                        + " size.");
    }

    @Test
    void anotherSizeWhereTheModelFixesOneIsNamed() {
        InvalidTensorException fault =
                fault(List.of(new Tensor("ids", Datatype.INT64, List.of(2L, 2L), List.of(1, 2, 3, 4)), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
        assertThat(fault.tensor()).isEqualTo("ids");
        assertThat(fault.pointer()).isEqualTo("/inputs/0/shape/1");
        assertThat(fault)
                .hasMessage("Input 'ids' has size 2 in dimension 1; the model takes 4 there [-1, 4], -1 meaning any"
                        + " size.");
    }

    @Test
    void aNegativeSizeIsNamed() {
        InvalidTensorException fault = fault(List.of(ids(1, 2, 3, 4), tensor("mask", Datatype.BOOL, -1)));

        assertThat(fault.reason()).isEqualTo(Reason.SHAPE);
        assertThat(fault.tensor()).isEqualTo("mask");
        assertThat(fault.pointer()).isEqualTo("/inputs/1/shape/0");
    }

    @Test
    void dataOfAnotherLengthThanTheShapeIsNamed() {
        InvalidTensorException fault =
                fault(List.of(new Tensor("ids", Datatype.INT64, List.of(2L, 4L), List.of(1, 2, 3, 4)), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.DATA_LENGTH);
        assertThat(fault.pointer()).isEqualTo("/inputs/0/data");
        assertThat(fault).hasMessage("Input 'ids' has 4 elements in its data; its shape [2, 4] holds 8.");
    }

    @Test
    void theInputThatTakesTheRequestOverTheLimitIsNamed() {
        Object[] sixteen = new Object[16];
        Arrays.fill(sixteen, 7);

        assertThatCode(() -> InferenceRequestValidator.validate(
                        InferenceRequest.of(List.of(ids(sixteen), mask(4))), SIGNATURE, LIMIT))
                .doesNotThrowAnyException();
        InvalidTensorException fault = fault(List.of(ids(sixteen), mask(5)));

        assertThat(fault.reason()).isEqualTo(Reason.TOO_MANY_ELEMENTS);
        assertThat(fault.tensor()).isEqualTo("mask");
        assertThat(fault.pointer()).isEqualTo("/inputs/1");
        assertThat(fault)
                .hasMessage(
                        "Input 'mask' brings the request to 21 elements; the model takes at most 20 per" + " request.");
    }

    @Test
    void aShapeTooLargeToCountIsTooLongForItsDataNotAnOverflow() {
        InvalidTensorException fault = fault(List.of(
                new Tensor("ids", Datatype.INT64, List.of(Long.MAX_VALUE / 2, 4L), List.of(1, 2, 3, 4)), mask(1)));

        assertThat(fault.reason()).isEqualTo(Reason.DATA_LENGTH);
        assertThat(fault.tensor()).isEqualTo("ids");
    }

    @Test
    void anOutputTheModelDoesNotReturnIsNamed() {
        InvalidTensorException fault =
                fault(new InferenceRequest(List.of(ids(1, 2, 3, 4), mask(1)), List.of("scores", "logits")));

        assertThat(fault.reason()).isEqualTo(Reason.UNKNOWN_OUTPUT);
        assertThat(fault.tensor()).isEqualTo("logits");
        assertThat(fault.pointer()).isEqualTo("/outputs/1/name");
        assertThat(fault).hasMessage("Output 'logits' is not one the model returns; it returns ['scores', 'labels'].");
    }

    @Test
    void anOutputRequestedTwiceIsNamed() {
        InvalidTensorException fault =
                fault(new InferenceRequest(List.of(ids(1, 2, 3, 4), mask(1)), List.of("scores", "scores")));

        assertThat(fault.reason()).isEqualTo(Reason.DUPLICATE_OUTPUT);
        assertThat(fault.pointer()).isEqualTo("/outputs/1/name");
    }

    @Test
    void everyTensorsShapeIsCheckedBeforeAnyElement() {
        InvalidTensorException fault =
                fault(List.of(ids(1, 2, 3.5, 4), new Tensor("mask", Datatype.INT32, List.of(1L), List.of(1))));

        assertThat(fault.reason()).isEqualTo(Reason.DATATYPE);
        assertThat(fault.tensor()).isEqualTo("mask");
    }

    @Test
    void aWrongElementIsNamedWithItsPosition() {
        InvalidTensorException fault = fault(List.of(ids(1, 2, 3, 4, 5, 6.5, 7, 8), mask(2)));

        assertThat(fault.reason()).isEqualTo(Reason.VALUE);
        assertThat(fault.tensor()).isEqualTo("ids");
        assertThat(fault.pointer()).isEqualTo("/inputs/0/data/5");
        assertThat(fault)
                .hasMessage("Input 'ids' has 6.5 at element 5; INT64 takes whole numbers from -9223372036854775808 to"
                        + " 9223372036854775807.");
    }

    static Stream<Arguments> elements() {
        BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        return Stream.of(
                Arguments.of(Datatype.INT64, 2.0, true),
                Arguments.of(Datatype.INT64, new BigDecimal("4.00"), true),
                Arguments.of(Datatype.INT64, twoTo63.subtract(BigInteger.ONE), true),
                Arguments.of(Datatype.INT64, twoTo63, false),
                Arguments.of(Datatype.INT64, 1.5, false),
                Arguments.of(Datatype.INT64, Double.NaN, false),
                Arguments.of(Datatype.INT64, Double.POSITIVE_INFINITY, false),
                Arguments.of(Datatype.INT64, "3", false),
                Arguments.of(Datatype.INT64, true, false),
                Arguments.of(Datatype.INT64, null, false),
                Arguments.of(Datatype.INT64, List.of(1, 2), false),
                Arguments.of(Datatype.INT32, (long) Integer.MIN_VALUE, true),
                Arguments.of(Datatype.INT32, Integer.MAX_VALUE + 1L, false),
                Arguments.of(Datatype.INT16, -32768, true),
                Arguments.of(Datatype.INT16, 32768, false),
                Arguments.of(Datatype.INT8, -128, true),
                Arguments.of(Datatype.INT8, -129, false),
                Arguments.of(Datatype.UINT8, 255, true),
                Arguments.of(Datatype.UINT8, 256, false),
                Arguments.of(Datatype.UINT8, -1, false),
                Arguments.of(Datatype.UINT16, 65535, true),
                Arguments.of(Datatype.UINT16, 65536, false),
                Arguments.of(Datatype.UINT32, 4294967295L, true),
                Arguments.of(Datatype.UINT32, 4294967296L, false),
                Arguments.of(Datatype.UINT64, Long.MAX_VALUE, true),
                Arguments.of(Datatype.UINT64, twoTo64.subtract(BigInteger.ONE), true),
                Arguments.of(Datatype.UINT64, twoTo64, false),
                Arguments.of(Datatype.UINT64, -1L, false),
                Arguments.of(Datatype.FP16, 65504, true),
                Arguments.of(Datatype.FP16, -0.000061, true),
                Arguments.of(Datatype.FP16, 65520.0, false),
                Arguments.of(Datatype.FP32, 3.4e38, true),
                Arguments.of(Datatype.FP32, 3.5e38, false),
                Arguments.of(Datatype.FP32, new BigInteger("12345678901234567890"), true),
                Arguments.of(Datatype.FP64, Double.MAX_VALUE, true),
                Arguments.of(Datatype.FP64, new BigDecimal("1e400"), false),
                Arguments.of(Datatype.FP64, Double.NEGATIVE_INFINITY, false),
                Arguments.of(Datatype.FP64, "1.0", false),
                Arguments.of(Datatype.BOOL, false, true),
                Arguments.of(Datatype.BOOL, 1, false),
                Arguments.of(Datatype.BOOL, "true", false),
                Arguments.of(Datatype.BYTES, "", true),
                Arguments.of(Datatype.BYTES, 1, false),
                Arguments.of(Datatype.BYTES, null, false));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("elements")
    void eachDatatypeTakesTheValuesItHolds(Datatype datatype, Object value, boolean fits) {
        TensorSignature signature =
                new TensorSignature(List.of(new TensorMetadata("x", datatype, List.of(-1L))), List.of());
        Object valid = datatype == Datatype.BOOL ? true : datatype == Datatype.BYTES ? "a" : 0;
        InferenceRequest request =
                InferenceRequest.of(List.of(new Tensor("x", datatype, List.of(2L), Arrays.asList(valid, value))));

        InvalidTensorException fault = catchThrowableOfType(
                InvalidTensorException.class, () -> InferenceRequestValidator.validate(request, signature, 10));

        if (fits) {
            assertThat(fault).isNull();
        } else {
            assertThat(fault).isNotNull();
            assertThat(fault.reason()).isEqualTo(Reason.VALUE);
            assertThat(fault.pointer()).isEqualTo("/inputs/0/data/1");
            assertThat(fault.getMessage()).startsWith("Input 'x' has ").contains(" at element 1; " + datatype);
        }
    }

    private static Tensor tensor(String name, Datatype datatype, long size) {
        return new Tensor(name, datatype, List.of(size), List.of());
    }
}
