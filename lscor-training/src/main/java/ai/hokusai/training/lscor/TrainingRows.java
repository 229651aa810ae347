package ai.hokusai.training.lscor;

import ai.hokusai.runtime.lscor.LscorWeights;
import ai.hokusai.runtime.lscor.NumericFeature;
import ai.hokusai.runtime.lscor.TextFeature;
import ai.hokusai.training.lscor.SyntheticLeads.Lead;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The design matrix of the training split (standardised numeric features, active token indices per row) and
 * the way back from fitted coefficients to {@link LscorWeights}. A token counts once per field, as in serving.
 */
record TrainingRows(
        double[][] dense,
        int[][] active,
        boolean[] labels,
        int binaryCount,
        double[] mean,
        double[] scale,
        Map<TextFeature, List<String>> binaryTokens,
        List<Map<TextFeature, List<String>>> rowTokens) {

    private static final NumericFeature[] NUMERIC = NumericFeature.values();
    private static final TextFeature[] TEXT = TextFeature.values();

    static TrainingRows build(
            List<Lead> train,
            Map<TextFeature, SortedSet<String>> fieldVocabulary,
            Function<String, List<String>> tokenizer) {
        Map<String, List<String>> cache = new HashMap<>();
        Map<TextFeature, List<String>> binaryTokens = new EnumMap<>(TextFeature.class);
        Map<TextFeature, Integer> offsets = new EnumMap<>(TextFeature.class);
        int binaryCount = 0;
        Map<TextFeature, Map<String, Integer>> indexOf = new EnumMap<>(TextFeature.class);
        for (TextFeature feature : TEXT) {
            binaryTokens.put(feature, new ArrayList<>(fieldVocabulary.get(feature)));
            Map<String, Integer> index = new HashMap<>();
            binaryTokens.get(feature).forEach(t -> index.put(t, index.size()));
            indexOf.put(feature, index);
            offsets.put(feature, binaryCount);
            binaryCount += fieldVocabulary.get(feature).size();
        }
        int n = train.size();
        double[][] raw = new double[n][NUMERIC.length];
        int[][] active = new int[n][];
        boolean[] labels = new boolean[n];
        List<Map<TextFeature, List<String>>> rowTokens = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Map<String, Object> input = train.get(r).input();
            for (NumericFeature feature : NUMERIC) {
                raw[r][feature.ordinal()] = feature.raw(input);
            }
            Map<TextFeature, List<String>> tokensByField = new EnumMap<>(TextFeature.class);
            List<Integer> indices = new ArrayList<>();
            for (TextFeature feature : TEXT) {
                List<String> distinct = cache.computeIfAbsent(feature.text(input), tokenizer).stream()
                        .distinct()
                        .toList();
                tokensByField.put(feature, distinct);
                distinct.forEach(t ->
                        indices.add(offsets.get(feature) + indexOf.get(feature).get(t)));
            }
            rowTokens.add(tokensByField);
            active[r] = indices.stream().mapToInt(Integer::intValue).toArray();
            labels[r] = train.get(r).converted();
        }
        double[] mean = new double[NUMERIC.length];
        double[] scale = new double[NUMERIC.length];
        for (int j = 0; j < NUMERIC.length; j++) {
            double sum = 0;
            for (double[] row : raw) {
                sum += row[j];
            }
            double m = sum / n;
            double squares = 0;
            for (double[] row : raw) {
                squares += (row[j] - m) * (row[j] - m);
            }
            double sd = Math.sqrt(squares / n);
            mean[j] = StableJson.round(m);
            scale[j] = sd > 0 ? StableJson.round(sd) : 1.0;
        }
        double[][] dense = new double[n][NUMERIC.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < NUMERIC.length; j++) {
                dense[r][j] = (raw[r][j] - mean[j]) / scale[j];
            }
        }
        return new TrainingRows(dense, active, labels, binaryCount, mean, scale, binaryTokens, rowTokens);
    }

    /** Coefficients rounded as they will be written, and each text field's average contribution. */
    LscorWeights weights(LogisticRegression.Fit fit) {
        Map<NumericFeature, LscorWeights.Numeric> numeric = new LinkedHashMap<>();
        for (NumericFeature feature : NUMERIC) {
            int j = feature.ordinal();
            numeric.put(feature, new LscorWeights.Numeric(mean[j], scale[j], StableJson.round(fit.weights()[j])));
        }
        Map<TextFeature, LscorWeights.Text> text = new LinkedHashMap<>();
        int offset = NUMERIC.length;
        for (TextFeature feature : TEXT) {
            Map<String, Double> tokenWeights = new TreeMap<>();
            List<String> tokens = binaryTokens.get(feature);
            for (int i = 0; i < tokens.size(); i++) {
                tokenWeights.put(tokens.get(i), StableJson.round(fit.weights()[offset + i]));
            }
            offset += tokens.size();
            double sum = 0;
            for (Map<TextFeature, List<String>> row : rowTokens) {
                for (String token : row.get(feature)) {
                    sum += tokenWeights.get(token);
                }
            }
            text.put(feature, new LscorWeights.Text(StableJson.round(sum / rowTokens.size()), tokenWeights));
        }
        return new LscorWeights(StableJson.round(fit.bias()), numeric, text);
    }
}
