package ai.hokusai.training.lscor;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes JSON byte-for-byte reproducibly: keys in insertion (or sorted) order, two-space indent, {@code \n}
 * line ends on every platform, and doubles as plain decimals with at most {@value #DECIMALS} places computed
 * from their exact binary value (so the text does not depend on the JDK's {@code Double.toString}).
 */
final class StableJson {

    static final int DECIMALS = 6;

    private StableJson() {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    /** The double the file will hold: rounding first keeps the in-memory model identical to the written one. */
    static double round(double value) {
        return new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append('"')
                    .append(JsonStringEncoder.getInstance().quoteAsString(s))
                    .append('"');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a JSON number: " + d);
            }
            BigDecimal decimal =
                    new BigDecimal(d).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
            out.append(
                    decimal.signum() == 0
                            ? "0.0"
                            : decimal.scale() <= 0 ? decimal.setScale(1).toPlainString() : decimal.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            if (!(map instanceof LinkedHashMap || map instanceof SortedMap)) {
                throw new IllegalArgumentException("map without a stable key order: " + map.getClass());
            }
            writeMap(map, out, indent);
        } else if (value instanceof List<?> list) {
            writeList(list, out, indent);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(inner);
            write(String.valueOf(entry.getKey()), out, inner);
            out.append(": ");
            write(entry.getValue(), out, inner);
            out.append(entries.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeList(List<?> list, StringBuilder out, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        if (scalars) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                write(list.get(i), out, indent);
                out.append(i + 1 < list.size() ? ", " : "");
            }
            out.append(']');
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(inner);
            write(list.get(i), out, inner);
            out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }
}
