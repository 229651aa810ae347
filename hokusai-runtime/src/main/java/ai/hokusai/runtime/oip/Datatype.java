package ai.hokusai.runtime.oip;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A tensor element type, named as the Open Inference Protocol names it. In JSON, {@link #BOOL} elements are
 * {@code true}/{@code false}, {@link #BYTES} elements strings, all others numbers.
 */
public enum Datatype {
    BOOL,
    UINT8(0, 0xFF),
    UINT16(0, 0xFFFF),
    UINT32(0, 0xFFFF_FFFFL),
    UINT64(BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
    INT8(Byte.MIN_VALUE, Byte.MAX_VALUE),
    INT16(Short.MIN_VALUE, Short.MAX_VALUE),
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
    INT64(Long.MIN_VALUE, Long.MAX_VALUE),
    /** IEEE 754 half precision: finite values up to 65504 in magnitude. */
    FP16(65504),
    FP32(Float.MAX_VALUE),
    FP64(Double.MAX_VALUE),
    BYTES;

    private final BigInteger min;
    private final BigInteger max;
    private final double largest;

    Datatype() {
        this(null, null, 0);
    }

    Datatype(long min, long max) {
        this(BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    Datatype(BigInteger min, BigInteger max) {
        this(min, max, 0);
    }

    Datatype(double largest) {
        this(null, null, largest);
    }

    Datatype(BigInteger min, BigInteger max, double largest) {
        this.min = min;
        this.max = max;
        this.largest = largest;
    }

    /** The datatype the protocol names {@code name} (upper case, as in {@code INT64}), if any. */
    public static Optional<Datatype> fromName(String name) {
        for (Datatype datatype : values()) {
            if (datatype.name().equals(name)) {
                return Optional.of(datatype);
            }
        }
        return Optional.empty();
    }

    /** Whether elements are IEEE 754 floating-point numbers. */
    boolean isFloatingPoint() {
        return largest > 0;
    }

    /** The smallest value of an integer type. */
    BigInteger min() {
        return min;
    }

    /** The largest value of an integer type. */
    BigInteger max() {
        return max;
    }

    /** The largest finite magnitude of a floating-point type. */
    double largest() {
        return largest;
    }
}
