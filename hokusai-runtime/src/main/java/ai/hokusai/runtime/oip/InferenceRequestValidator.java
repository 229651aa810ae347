package ai.hokusai.runtime.oip;

import ai.hokusai.runtime.oip.InvalidTensorException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a request to a model's signature before the model sees it, so that every fault is reported by tensor name
 * and position rather than by the model failing. The cheap checks of every tensor come before the elements of any:
 * names, datatypes, shapes, data lengths and the element limit, then missing inputs and requested outputs, then each
 * element's value. The first fault found is thrown.
 */
public final class InferenceRequestValidator {

    private InferenceRequestValidator() {}

    /**
     * Checks {@code request} against {@code signature}.
     *
     * @param maxElements how many elements, summed over the input tensors, the request may hold
     * @throws InvalidTensorException at the first fault, naming the tensor
     */
    public static void validate(InferenceRequest request, TensorSignature signature, long maxElements) {
        List<Tensor> inputs = request.inputs();
        Set<String> given = new HashSet<>();
        long elements = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor input = inputs.get(i);
            String at = "/inputs/" + i;
            TensorMetadata expected = signature
                    .input(input.name())
                    .orElseThrow(() -> new InvalidTensorException(
                            Reason.UNKNOWN_INPUT,
                            input.name(),
                            at + "/name",
                            "Input '" + input.name() + "' is not one the model takes; it takes "
                                    + names(signature.inputs()) + "."));
            if (!given.add(input.name())) {
                throw new InvalidTensorException(
                        Reason.DUPLICATE_INPUT,
                        input.name(),
                        at + "/name",
                        "Input '" + input.name() + "' is given more than once.");
            }
            if (input.datatype() != expected.datatype()) {
                throw new InvalidTensorException(
                        Reason.DATATYPE,
                        input.name(),
                        at + "/datatype",
                        "Input '" + input.name() + "' has datatype " + input.datatype() + "; the model takes "
                                + expected.datatype() + ".");
            }
            long count = checkShape(input, expected, at);
            if (input.data().size() != count) {
                throw new InvalidTensorException(
                        Reason.DATA_LENGTH,
                        input.name(),
                        at + "/data",
                        "Input '" + input.name() + "' has " + input.data().size() + " elements in its data; its shape "
                                + input.shape() + " holds " + count + ".");
            }
            elements += count;
            if (elements > maxElements) {
                throw new InvalidTensorException(
                        Reason.TOO_MANY_ELEMENTS,
                        input.name(),
                        at,
                        "Input '" + input.name() + "' brings the request to " + elements
                                + " elements; the model takes at most " + maxElements + " per request.");
            }
        }
        for (TensorMetadata expected : signature.inputs()) {
            if (!given.contains(expected.name())) {
                throw new InvalidTensorException(
                        Reason.MISSING_INPUT,
                        expected.name(),
                        "/inputs",
                        "Input '" + expected.name() + "' is missing; the model takes " + names(signature.inputs())
                                + ".");
            }
        }
        checkRequestedOutputs(request.outputs(), signature);
        for (int i = 0; i < inputs.size(); i++) {
            checkValues(inputs.get(i), "/inputs/" + i);
        }
    }

    /** @return the number of elements the (valid) shape holds */
    private static long checkShape(Tensor input, TensorMetadata expected, String at) {
        List<Long> shape = input.shape();
        long count = 1;
        for (int d = 0; d < shape.size(); d++) {
            long size = shape.get(d);
            if (size < 0) {
                throw new InvalidTensorException(
                        Reason.SHAPE,
                        input.name(),
                        at + "/shape/" + d,
                        "Input '" + input.name() + "' has size " + size + " in dimension " + d
                                + "; a size is 0 or more.");
            }
            count = size != 0 && count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
        }
        if (shape.size() != expected.shape().size()) {
            throw new InvalidTensorException(
                    Reason.SHAPE,
                    input.name(),
                    at + "/shape",
                    "Input '" + input.name() + "' has " + dimensions(shape.size()) + " " + shape + "; the model takes "
                            + dimensions(expected.shape().size()) + " " + expected.shape() + ", -1 meaning any size.");
        }
        for (int d = 0; d < shape.size(); d++) {
            long fixed = expected.shape().get(d);
            if (fixed != TensorMetadata.DYNAMIC && fixed != shape.get(d)) {
                throw new InvalidTensorException(
                        Reason.SHAPE,
                        input.name(),
                        at + "/shape/" + d,
                        "Input '" + input.name() + "' has size " + shape.get(d) + " in dimension " + d
                                + "; the model takes " + fixed + " there " + expected.shape()
                                + ", -1 meaning any size.");
            }
        }
        return count;
    }

    private static void checkRequestedOutputs(List<String> outputs, TensorSignature signature) {
        Set<String> requested = new HashSet<>();
        for (int k = 0; k < outputs.size(); k++) {
            String name = outputs.get(k);
            if (signature.output(name).isEmpty()) {
                throw new InvalidTensorException(
                        Reason.UNKNOWN_OUTPUT,
                        name,
                        "/outputs/" + k + "/name",
                        "Output '" + name + "' is not one the model returns; it returns " + names(signature.outputs())
                                + ".");
            }
            if (!requested.add(name)) {
                throw new InvalidTensorException(
                        Reason.DUPLICATE_OUTPUT,
                        name,
                        "/outputs/" + k + "/name",
                        "Output '" + name + "' is requested more than once.");
            }
        }
    }

    private static void checkValues(Tensor input, String at) {
        Datatype datatype = input.datatype();
        List<?> data = input.data();
        for (int j = 0; j < data.size(); j++) {
            Object value = data.get(j);
            if (!fits(datatype, value)) {
                throw new InvalidTensorException(
                        Reason.VALUE,
                        input.name(),
                        at + "/data/" + j,
                        "Input '" + input.name() + "' has " + describe(value) + " at element " + j + "; " + datatype
                                + " takes " + domain(datatype) + ".");
            }
        }
    }

    private static boolean fits(Datatype datatype, Object value) {
        if (datatype == Datatype.BOOL) {
            return value instanceof Boolean;
        }
        if (datatype == Datatype.BYTES) {
            return value instanceof String;
        }
        if (!(value instanceof Number number)) {
            return false;
        }
        if (datatype.isFloatingPoint()) {
            double real = number.doubleValue();
            return Double.isFinite(real) && Math.abs(real) <= datatype.largest();
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long whole = number.longValue();
            // Every integer type's minimum fits a long; only UINT64's maximum does not, and then any long is below it.
            return whole >= datatype.min().longValue()
                    && (datatype.max().bitLength() > 63
                            || whole <= datatype.max().longValue());
        }
        BigInteger whole = wholeValue(number);
        return whole != null && whole.compareTo(datatype.min()) >= 0 && whole.compareTo(datatype.max()) <= 0;
    }

    /** The number as a whole number, or {@code null} when it is not one (fractional, infinite or NaN). */
    private static BigInteger wholeValue(Number number) {
        if (number instanceof BigInteger big) {
            return big;
        }
        try {
            BigDecimal exact = number instanceof Double || number instanceof Float
                    ? new BigDecimal(number.doubleValue())
                    : number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
            return exact.toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static String domain(Datatype datatype) {
        return switch (datatype) {
            case BOOL -> "true or false";
            case BYTES -> "strings";
            case FP16 -> "finite numbers up to 65504 in magnitude";
            case FP32 -> "finite numbers up to " + Float.MAX_VALUE + " in magnitude";
            case FP64 -> "finite numbers up to " + Double.MAX_VALUE + " in magnitude";
            default -> "whole numbers from " + datatype.min() + " to " + datatype.max();
        };
    }

    private static String describe(Object value) {
        String described = switch (value) {
            case null -> "null";
            case String text -> "the string \"" + text + "\"";
            case List<?> _ -> "an array";
            case Map<?, ?> _ -> "an object";
            default -> value.toString();
        };
        return described.length() > 60 ? described.substring(0, 60) + "…" : described;
    }

    private static String dimensions(int count) {
        return count == 1 ? "1 dimension" : count + " dimensions";
    }

    private static String names(List<TensorMetadata> tensors) {
        return tensors.stream().map(t -> "'" + t.name() + "'").toList().toString();
    }
}
