package ai.hokusai.runtime.oip;

import java.util.ArrayList;
import java.util.List;

/**
 * A tensor's {@code data} as the protocol's JSON may carry it: "in their natural multi-dimensional representation, or
 * as a flattened one-dimensional representation", row-major either way. {@link Tensor} holds it flat; this turns the
 * nested form into the flat one, and refuses nesting that does not follow the tensor's shape, naming the array at
 * fault.
 */
public final class TensorData {

    private TensorData() {}

    /**
     * The elements of {@code data} in row-major order. Data without a nested array is already flat and comes back as
     * it is (its length is the validator's to judge). Nested data must nest exactly as deep as {@code shape} has
     * dimensions, each array as long as its dimension.
     *
     * @param tensor the tensor's name, for the message
     * @param pointer where {@code data} is in the request, e.g. {@code /inputs/0/data}
     * @throws InvalidTensorException ({@link InvalidTensorException.Reason#DATA_LENGTH}) when nested data does not
     *     follow the shape; its pointer names the array at fault
     */
    public static List<Object> flatten(String tensor, String pointer, List<Long> shape, List<?> data) {
        if (data.stream().noneMatch(List.class::isInstance)) {
            return new ArrayList<>(data);
        }
        List<Object> flat = new ArrayList<>();
        collect(tensor, pointer, shape, 0, data, flat);
        return flat;
    }

    private static void collect(
            String tensor, String pointer, List<Long> shape, int depth, List<?> array, List<Object> flat) {
        if (depth >= shape.size()) {
            throw misfit(tensor, pointer, "nests deeper than the shape's " + shape.size() + " dimensions");
        }
        long size = shape.get(depth);
        if (array.size() != size) {
            throw misfit(
                    tensor, pointer, "holds " + array.size() + " elements where dimension " + depth + " is " + size);
        }
        boolean innermost = depth == shape.size() - 1;
        for (int i = 0; i < array.size(); i++) {
            Object element = array.get(i);
            String at = pointer + "/" + i;
            if (innermost) {
                if (element instanceof List<?>) {
                    throw misfit(tensor, at, "nests deeper than the shape's " + shape.size() + " dimensions");
                }
                flat.add(element);
            } else if (element instanceof List<?> inner) {
                collect(tensor, at, shape, depth + 1, inner, flat);
            } else {
                throw misfit(tensor, at, "is an element where dimension " + (depth + 1) + " needs an array");
            }
        }
    }

    private static InvalidTensorException misfit(String tensor, String pointer, String what) {
        return new InvalidTensorException(
                InvalidTensorException.Reason.DATA_LENGTH,
                tensor,
                pointer,
                "Input '" + tensor + "': its nested data does not follow its shape: " + pointer + " " + what + ".");
    }
}
