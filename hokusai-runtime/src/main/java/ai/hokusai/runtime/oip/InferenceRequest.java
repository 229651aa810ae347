package ai.hokusai.runtime.oip;

import java.util.List;

/**
 * A request to run a model once: its input tensors and, optionally, which of its outputs to answer.
 *
 * @param outputs the names of the outputs wanted, in the order they are wanted; empty for all of the model's
 */
public record InferenceRequest(List<Tensor> inputs, List<String> outputs) {

    public InferenceRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** All of the model's outputs. */
    public static InferenceRequest of(List<Tensor> inputs) {
        return new InferenceRequest(inputs, List.of());
    }
}
