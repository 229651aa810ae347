package ai.hokusai.runtime.lscor;

import static ai.hokusai.runtime.lscor.JsonFields.node;
import static ai.hokusai.runtime.lscor.JsonFields.number;
import static ai.hokusai.runtime.lscor.JsonFields.numberMap;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code model.json}: the fitted logistic regression.
 *
 * <p>logit = bias + Σ numeric weight × (raw − mean) / scale + Σ text Σ<sub>token present</sub> weight.
 * A text feature's {@code baseline} is its average sum over the training rows; the runtime subtracts it so
 * that every feature's contribution is measured against the average lead, which is what makes the
 * contributions comparable when ranking factors.
 */
public record LscorWeights(double bias, Map<NumericFeature, Numeric> numeric, Map<TextFeature, Text> text) {

    public static final String FORMAT = "hokusai-lscor-logistic/1";

    public record Numeric(double mean, double scale, double weight) {}

    /** @param tokens token (as in the tokenizer vocabulary) → weight; tokens absent here weigh nothing */
    public record Text(double baseline, Map<String, Double> tokens) {}

    public static LscorWeights read(JsonNode root) {
        String format = JsonFields.text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format '" + format + "' is not " + FORMAT);
        }
        Map<NumericFeature, Numeric> numeric = new LinkedHashMap<>();
        for (NumericFeature feature : NumericFeature.values()) {
            JsonNode n = node(node(root, "numeric"), feature.field());
            double scale = number(n, "scale");
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale of '" + feature.field() + "' must be positive");
            }
            numeric.put(feature, new Numeric(number(n, "mean"), scale, number(n, "weight")));
        }
        Map<TextFeature, Text> text = new LinkedHashMap<>();
        for (TextFeature feature : TextFeature.values()) {
            JsonNode n = node(node(root, "text"), feature.field());
            text.put(feature, new Text(number(n, "baseline"), numberMap(n, "tokens")));
        }
        return new LscorWeights(number(root, "bias"), numeric, text);
    }

    /** The JSON tree, keys in a fixed order so that the written file is reproducible. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("bias", bias);
        Map<String, Object> numericJson = new LinkedHashMap<>();
        numeric.forEach((feature, w) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mean", w.mean());
            entry.put("scale", w.scale());
            entry.put("weight", w.weight());
            numericJson.put(feature.field(), entry);
        });
        root.put("numeric", numericJson);
        Map<String, Object> textJson = new LinkedHashMap<>();
        text.forEach((feature, w) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("baseline", w.baseline());
            entry.put("tokens", w.tokens());
            textJson.put(feature.field(), entry);
        });
        root.put("text", textJson);
        return root;
    }
}
