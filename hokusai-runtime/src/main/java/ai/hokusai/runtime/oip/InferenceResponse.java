package ai.hokusai.runtime.oip;

import java.util.List;
import java.util.Optional;

/** The output tensors of one run: the ones the request named, in its order, or else all, in the model's order. */
public record InferenceResponse(List<Tensor> outputs) {

    public InferenceResponse {
        outputs = List.copyOf(outputs);
    }

    public Optional<Tensor> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
