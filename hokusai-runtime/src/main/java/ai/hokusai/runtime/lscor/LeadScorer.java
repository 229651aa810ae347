package ai.hokusai.runtime.lscor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The fitted logistic regression in arrays: weights are looked up by token id, so scoring a lead is a few
 * dozen additions with no maps and no allocation beyond the result. Immutable, hence thread-safe.
 *
 * <p>Contributions are indexed numeric features first ({@link NumericFeature} order), then text features
 * ({@link TextFeature} order); each is measured against the average training lead, and
 * {@code logit = intercept + Σ contributions}.
 */
final class LeadScorer {

    private static final NumericFeature[] NUMERIC = NumericFeature.values();
    private static final TextFeature[] TEXT = TextFeature.values();

    private final double intercept;
    private final double[] mean = new double[NUMERIC.length];
    private final double[] scale = new double[NUMERIC.length];
    private final double[] weight = new double[NUMERIC.length];
    private final double[][] tokenWeights = new double[TEXT.length][];
    private final double[] baseline = new double[TEXT.length];

    record Score(double logit, double[] contributions) {

        double probability() {
            return sigmoid(logit);
        }
    }

    /**
     * @param tokenId the tokenizer's id of a vocabulary token; throws if the token is not in the vocabulary
     */
    LeadScorer(LscorWeights weights, ToLongFunction<String> tokenId) {
        double interceptSum = weights.bias();
        for (NumericFeature feature : NUMERIC) {
            LscorWeights.Numeric w = weights.numeric().get(feature);
            mean[feature.ordinal()] = w.mean();
            scale[feature.ordinal()] = w.scale();
            weight[feature.ordinal()] = w.weight();
        }
        for (TextFeature feature : TEXT) {
            LscorWeights.Text w = weights.text().get(feature);
            Map<Long, Double> byId = new HashMap<>();
            long maxId = -1;
            for (Map.Entry<String, Double> token : w.tokens().entrySet()) {
                long id = tokenId.applyAsLong(token.getKey());
                byId.put(id, token.getValue());
                maxId = Math.max(maxId, id);
            }
            double[] table = new double[(int) (maxId + 1)];
            byId.forEach((id, value) -> table[id.intValue()] = value);
            tokenWeights[feature.ordinal()] = table;
            baseline[feature.ordinal()] = w.baseline();
            interceptSum += w.baseline();
        }
        this.intercept = interceptSum;
    }

    static int featureCount() {
        return NUMERIC.length + TEXT.length;
    }

    static int indexOf(TextFeature feature) {
        return NUMERIC.length + feature.ordinal();
    }

    /** @param tokenIds per text feature (by ordinal), the ids the tokenizer produced for that field */
    Score score(Map<String, Object> input, long[][] tokenIds) {
        double[] contributions = new double[featureCount()];
        double logit = intercept;
        for (NumericFeature feature : NUMERIC) {
            int i = feature.ordinal();
            double c = weight[i] * (feature.raw(input) - mean[i]) / scale[i];
            contributions[i] = c;
            logit += c;
        }
        for (TextFeature feature : TEXT) {
            double c = bagSum(feature, tokenIds[feature.ordinal()]) - baseline[feature.ordinal()];
            contributions[indexOf(feature)] = c;
            logit += c;
        }
        return new Score(logit, contributions);
    }

    boolean aboveAverage(NumericFeature feature, Map<String, Object> input) {
        return feature.raw(input) > mean[feature.ordinal()];
    }

    /** Weight of one token in one field; 0 for tokens the model never learned (including the unknown token). */
    double tokenWeight(TextFeature feature, long id) {
        double[] table = tokenWeights[feature.ordinal()];
        return id >= 0 && id < table.length ? table[(int) id] : 0.0;
    }

    /** A token counts once per field however often it occurs: presence, not frequency, carries the signal. */
    private double bagSum(TextFeature feature, long[] ids) {
        double sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (!seenBefore(ids, i)) {
                sum += tokenWeight(feature, ids[i]);
            }
        }
        return sum;
    }

    static boolean seenBefore(long[] ids, int index) {
        for (int j = 0; j < index; j++) {
            if (ids[j] == ids[index]) {
                return true;
            }
        }
        return false;
    }

    /** StrictMath keeps training and evaluation bit-identical across platforms. */
    static double sigmoid(double logit) {
        return 1.0 / (1.0 + StrictMath.exp(-logit));
    }
}
