package ai.hokusai.runtime.lscor;

import static ai.hokusai.runtime.lscor.JsonFields.integer;
import static ai.hokusai.runtime.lscor.JsonFields.node;
import static ai.hokusai.runtime.lscor.JsonFields.number;
import static ai.hokusai.runtime.lscor.JsonFields.text;
import static ai.hokusai.runtime.lscor.JsonFields.textMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code config.json} of an lscor artifact: what the model is, how scores become tiers and factors, and how
 * well it did on held-out data. The trainer writes it with {@link #toJson()}, the runtime reads it with
 * {@link #read(JsonNode)}, so the format lives in one place.
 *
 * @param factorLabels per feature, a readable label for "high" and "low": a numeric feature is high when its
 *     value is above the training average (a flag when true), a text feature when its tokens weigh more than
 *     the average lead's; text labels may quote the (shortened) input as {@code {value}}
 * @param tokenLabels per text feature, labels for particular tokens (e.g. {@code vp → Senior title (VP)}),
 *     preferred over the generic label when such a token drives the contribution
 */
public record LscorConfig(
        String runtime,
        String version,
        int hotThreshold,
        int warmThreshold,
        int maxFactors,
        double minFactorContribution,
        String unkToken,
        Map<String, FactorLabels> factorLabels,
        Map<String, Map<String, String>> tokenLabels,
        Metrics metrics) {

    public static final String RUNTIME_ID = "lscor-logistic";

    public record FactorLabels(String high, String low) {}

    /** Held-out evaluation, read by the docs site; accuracy counts a lead as converting when p ≥ 0.5. */
    public record Metrics(
            double heldoutAccuracy,
            double baselineAccuracy,
            double majorityClassAccuracy,
            double heldoutPositiveRate,
            int trainRows,
            int testRows,
            long seed) {}

    public static LscorConfig read(JsonNode root) {
        JsonNode features = node(root, "features");
        requireFeatureList(
                features,
                "numeric",
                Arrays.stream(NumericFeature.values())
                        .map(NumericFeature::field)
                        .toList());
        requireFeatureList(
                features,
                "text",
                Arrays.stream(TextFeature.values()).map(TextFeature::field).toList());
        JsonNode thresholds = node(root, "thresholds");
        JsonNode factors = node(root, "factors");
        Map<String, FactorLabels> labels = new LinkedHashMap<>();
        JsonNode labelNode = node(factors, "labels");
        for (String feature : allFeatureNames()) {
            JsonNode label = node(labelNode, feature);
            labels.put(feature, new FactorLabels(text(label, "high"), text(label, "low")));
        }
        Map<String, Map<String, String>> tokenLabels = new LinkedHashMap<>();
        node(factors, "token_labels")
                .properties()
                .forEach(e -> tokenLabels.put(e.getKey(), textMap(node(factors, "token_labels"), e.getKey())));
        JsonNode m = node(root, "metrics");
        Metrics metrics = new Metrics(
                number(m, "heldout_accuracy"),
                number(m, "baseline_accuracy"),
                number(m, "majority_class_accuracy"),
                number(m, "heldout_positive_rate"),
                integer(m, "train_rows"),
                integer(m, "test_rows"),
                node(m, "seed").asLong());
        return new LscorConfig(
                text(root, "runtime"),
                text(root, "version"),
                integer(thresholds, "hot"),
                integer(thresholds, "warm"),
                integer(factors, "max"),
                number(factors, "min_contribution"),
                text(node(root, "tokenizer"), "unk_token"),
                labels,
                tokenLabels,
                metrics);
    }

    /** The JSON tree, keys in a fixed order so that the written file is reproducible. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runtime", runtime);
        root.put("model_type", "logistic-regression");
        root.put("version", version);
        root.put("task", "tabular-classification");
        root.put(
                "features",
                ordered(
                        "numeric",
                                Arrays.stream(NumericFeature.values())
                                        .map(NumericFeature::field)
                                        .toList(),
                        "text",
                                Arrays.stream(TextFeature.values())
                                        .map(TextFeature::field)
                                        .toList()));
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("file", LscorRuntime.TOKENIZER_FILE);
        tokenizer.put("type", "WordLevel, lowercase normalizer, whitespace pre-tokenizer");
        tokenizer.put(
                "fields",
                Arrays.stream(TextFeature.values()).map(TextFeature::field).toList());
        tokenizer.put(
                "encoding",
                "bag of tokens: each vocabulary token present in a field is one binary feature of that field");
        tokenizer.put("unk_token", unkToken);
        root.put("tokenizer", tokenizer);
        root.put("weights_file", LscorRuntime.WEIGHTS_FILE);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("hot", hotThreshold);
        thresholds.put("warm", warmThreshold);
        root.put("thresholds", thresholds);
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("max", maxFactors);
        factors.put("min_contribution", minFactorContribution);
        Map<String, Object> labels = new LinkedHashMap<>();
        factorLabels.forEach((feature, l) -> labels.put(feature, ordered("high", l.high(), "low", l.low())));
        factors.put("labels", labels);
        factors.put("token_labels", tokenLabels);
        root.put("factors", factors);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heldout_accuracy", metrics.heldoutAccuracy());
        m.put("baseline_accuracy", metrics.baselineAccuracy());
        m.put("majority_class_accuracy", metrics.majorityClassAccuracy());
        m.put("heldout_positive_rate", metrics.heldoutPositiveRate());
        m.put("train_rows", metrics.trainRows());
        m.put("test_rows", metrics.testRows());
        m.put("seed", metrics.seed());
        root.put("metrics", m);
        return root;
    }

    public LscorConfig withMetrics(Metrics newMetrics) {
        return new LscorConfig(
                runtime,
                version,
                hotThreshold,
                warmThreshold,
                maxFactors,
                minFactorContribution,
                unkToken,
                factorLabels,
                tokenLabels,
                newMetrics);
    }

    static List<String> allFeatureNames() {
        List<String> names = new ArrayList<>();
        Arrays.stream(NumericFeature.values()).forEach(f -> names.add(f.field()));
        Arrays.stream(TextFeature.values()).forEach(f -> names.add(f.field()));
        return names;
    }

    private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static void requireFeatureList(JsonNode features, String kind, List<String> expected) {
        List<String> actual = new ArrayList<>();
        node(features, kind).forEach(n -> actual.add(n.asString()));
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException(
                    kind + " features " + actual + " do not match this runtime's " + expected);
        }
    }
}
