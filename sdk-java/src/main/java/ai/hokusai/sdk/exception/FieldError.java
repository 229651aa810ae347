package ai.hokusai.sdk.exception;

import java.util.Objects;

/** One invalid field of a request, as named by the server. */
public final class FieldError {

    private final String pointer;
    private final String message;

    public FieldError(String pointer, String message) {
        this.pointer = pointer;
        this.message = message;
    }

    /**
     * A JSON pointer into the request body (for example {@code /inputs/company_size}), or
     * {@code #/path/<name>}, {@code #/query/<name>}, {@code #/header/<name>} for a parameter.
     */
    public String getPointer() {
        return pointer;
    }

    /** What is wrong with the field. */
    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FieldError)) {
            return false;
        }
        FieldError that = (FieldError) other;
        return Objects.equals(pointer, that.pointer) && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pointer, message);
    }

    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
