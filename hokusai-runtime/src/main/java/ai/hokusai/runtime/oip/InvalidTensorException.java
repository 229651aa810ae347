package ai.hokusai.runtime.oip;

/**
 * A request's tensor does not fit the model: the caller's fault, found before the model ran. The message is a
 * sentence that names the tensor, fit to show the caller.
 */
public class InvalidTensorException extends RuntimeException {

    /** What is wrong. */
    public enum Reason {
        /** An input the model does not take. */
        UNKNOWN_INPUT,
        /** An input given twice. */
        DUPLICATE_INPUT,
        /** An input the model takes but the request lacks. */
        MISSING_INPUT,
        /** An input of another datatype than the model takes. */
        DATATYPE,
        /** A negative size, another number of dimensions, or another size where the model's is fixed. */
        SHAPE,
        /** Data holding another number of elements than the shape. */
        DATA_LENGTH,
        /** An element the datatype cannot hold: of another kind, not whole, out of range, or not finite. */
        VALUE,
        /** More elements than the model takes in one request. */
        TOO_MANY_ELEMENTS,
        /** A requested output the model does not return. */
        UNKNOWN_OUTPUT,
        /** An output requested twice. */
        DUPLICATE_OUTPUT
    }

    private final Reason reason;
    private final String tensor;
    private final String pointer;

    /**
     * @param tensor the name of the input or output at fault
     * @param pointer where, as a JSON pointer into the protocol's JSON request, e.g. {@code /inputs/0/datatype}
     * @param message a sentence naming the tensor
     */
    public InvalidTensorException(Reason reason, String tensor, String pointer, String message) {
        super(message);
        this.reason = reason;
        this.tensor = tensor;
        this.pointer = pointer;
    }

    public Reason reason() {
        return reason;
    }

    /** The name of the input or output at fault. */
    public String tensor() {
        return tensor;
    }

    /**
     * Where the fault lies, as a JSON pointer into the protocol's JSON request: {@code /inputs/1/shape/0},
     * {@code /inputs/0/data/17}, {@code /outputs/0/name}; {@code /inputs} for a missing input.
     */
    public String pointer() {
        return pointer;
    }
}
