package ai.hokusai.runtime.oip;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tensors a model takes and returns, in the model's order: what the protocol's model metadata lists as
 * {@code inputs} and {@code outputs}. Names are unique within each list.
 */
public record TensorSignature(List<TensorMetadata> inputs, List<TensorMetadata> outputs) {

    public TensorSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        requireUniqueNames(inputs);
        requireUniqueNames(outputs);
    }

    public Optional<TensorMetadata> input(String name) {
        return find(inputs, name);
    }

    public Optional<TensorMetadata> output(String name) {
        return find(outputs, name);
    }

    private static Optional<TensorMetadata> find(List<TensorMetadata> tensors, String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static void requireUniqueNames(List<TensorMetadata> tensors) {
        Set<String> names = new HashSet<>();
        for (TensorMetadata tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("two tensors are named " + tensor.name());
            }
        }
    }
}
