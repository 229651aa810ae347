package ai.hokusai.runtime.oip;

/**
 * A loaded model that answers tensor requests, as the Open Inference Protocol (KServe v2) has a client ask a model:
 * named input tensors in, named output tensors out, each with a datatype, a shape and row-major flat data. The
 * protocol's model metadata is {@link #signature()}. Implementations are thread-safe.
 */
public interface TensorModel {

    /** The tensors the model takes and returns, with {@code -1} for the sizes that may vary. */
    TensorSignature signature();

    /** How many elements, summed over its input tensors, one request may hold. */
    long maxElements();

    /**
     * Runs the model once. The request is held to {@link #signature()} and {@link #maxElements()} first
     * ({@link InferenceRequestValidator}): a request that does not fit never reaches the model.
     *
     * @throws InvalidTensorException when an input or a requested output does not fit the signature; it names the
     *     tensor
     * @throws InputRejectedException when the inputs fit but the model refused their values while running
     */
    InferenceResponse infer(InferenceRequest request);
}
