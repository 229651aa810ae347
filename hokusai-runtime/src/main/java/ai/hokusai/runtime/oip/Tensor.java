package ai.hokusai.runtime.oip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named tensor in a request or a response, laid out as the protocol's JSON tensor: the elements of every dimension
 * flattened in row-major order into {@code data}.
 *
 * <p>An input is held as it was received: a size may be negative, {@code data} may hold too many elements, a
 * {@code null} or a value of another type. {@link InferenceRequestValidator} says what is wrong before a model runs.
 * An output's data are {@code Boolean} for {@link Datatype#BOOL}, {@code String} for {@link Datatype#BYTES} and
 * otherwise numbers of a type that holds every value of the datatype ({@code Float} for FP32, {@code Long} for INT64).
 *
 * @param shape the size of each dimension; none for a scalar
 */
public record Tensor(String name, Datatype datatype, List<Long> shape, List<?> data) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        shape = List.copyOf(shape);
        // A received element may be null; the validator names it rather than this constructor failing.
        data = Collections.unmodifiableList(new ArrayList<>(data));
    }
}
