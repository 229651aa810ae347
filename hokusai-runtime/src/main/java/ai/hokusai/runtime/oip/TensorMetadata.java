package ai.hokusai.runtime.oip;

import java.util.List;
import java.util.Objects;

/**
 * One tensor a model takes or returns, as the protocol's model metadata lists it.
 *
 * @param shape one size per dimension; {@code -1} where the size may vary from request to request
 */
public record TensorMetadata(String name, Datatype datatype, List<Long> shape) {

    /** The size of a dimension that may vary. */
    public static final long DYNAMIC = -1;

    public TensorMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        shape = List.copyOf(shape);
        for (long size : shape) {
            if (size < DYNAMIC) {
                throw new IllegalArgumentException("tensor " + name + " has a dimension of size " + size);
            }
        }
    }
}
