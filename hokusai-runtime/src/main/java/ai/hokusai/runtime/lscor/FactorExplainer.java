package ai.hokusai.runtime.lscor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Turns one prediction's feature contributions into readable factors, strongest first. A factor is a real
 * driver of that prediction: its label says which way the feature pushed the score and, for text features,
 * quotes the input or names the token that mattered ("Senior title (VP)").
 */
final class FactorExplainer {

    private static final int MAX_QUOTED_CHARS = 40;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final NumericFeature[] NUMERIC = NumericFeature.values();
    private static final TextFeature[] TEXT = TextFeature.values();

    private final LeadScorer scorer;
    private final int maxFactors;
    private final double minContribution;
    private final LscorConfig.FactorLabels[] labels = new LscorConfig.FactorLabels[LeadScorer.featureCount()];
    private final List<Map<Long, String>> tokenLabels = new ArrayList<>();

    FactorExplainer(LscorConfig config, LeadScorer scorer, ToLongFunction<String> tokenId) {
        this.scorer = scorer;
        this.maxFactors = config.maxFactors();
        this.minContribution = config.minFactorContribution();
        for (NumericFeature feature : NUMERIC) {
            labels[feature.ordinal()] = config.factorLabels().get(feature.field());
        }
        for (TextFeature feature : TEXT) {
            labels[LeadScorer.indexOf(feature)] = config.factorLabels().get(feature.field());
            Map<Long, String> byId = new HashMap<>();
            config.tokenLabels()
                    .getOrDefault(feature.field(), Map.of())
                    .forEach((token, label) -> byId.put(tokenId.applyAsLong(token), label));
            tokenLabels.add(byId);
        }
        if (maxFactors < 1) {
            throw new IllegalArgumentException("factors.max must be at least 1");
        }
    }

    /**
     * The features whose contribution reaches the configured minimum, strongest first, at most the configured
     * number; the single strongest when none reaches it, so that every prediction names its main driver.
     */
    List<String> explain(Map<String, Object> input, long[][] tokenIds, double[] contributions) {
        Integer[] order = new Integer[contributions.length];
        Arrays.setAll(order, i -> i);
        // Stable sort: equal contributions keep feature order, so the same input always gives the same list.
        Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(contributions[i])));
        List<String> factors = new ArrayList<>(maxFactors);
        for (int i : order) {
            boolean strongEnough = Math.abs(contributions[i]) >= minContribution;
            if (factors.size() == maxFactors || (!strongEnough && !factors.isEmpty())) {
                break;
            }
            factors.add(label(i, contributions[i], input, tokenIds));
        }
        return factors;
    }

    private String label(int index, double contribution, Map<String, Object> input, long[][] tokenIds) {
        LscorConfig.FactorLabels pair = labels[index];
        if (index < NUMERIC.length) {
            // Labels describe the input ("Many email opens"), so they follow the value, not the weight's sign.
            return scorer.aboveAverage(NUMERIC[index], input) ? pair.high() : pair.low();
        }
        boolean high = contribution >= 0;
        TextFeature feature = TEXT[index - NUMERIC.length];
        String tokenLabel = strongestTokenLabel(feature, tokenIds[feature.ordinal()], high);
        if (tokenLabel != null) {
            return tokenLabel;
        }
        return (high ? pair.high() : pair.low()).replace("{value}", quote(feature.text(input)));
    }

    /** The label of the labelled token that pushed hardest in the contribution's direction, if any. */
    private String strongestTokenLabel(TextFeature feature, long[] ids, boolean up) {
        Map<Long, String> candidates = tokenLabels.get(feature.ordinal());
        String best = null;
        double bestWeight = 0;
        for (long id : ids) {
            String label = candidates.get(id);
            double w = scorer.tokenWeight(feature, id);
            if (label != null && (up ? w > bestWeight : w < bestWeight)) {
                best = label;
                bestWeight = w;
            }
        }
        return best;
    }

    private static String quote(String text) {
        String collapsed = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return collapsed.length() <= MAX_QUOTED_CHARS
                ? collapsed
                : collapsed.substring(0, MAX_QUOTED_CHARS - 1).stripTrailing() + "…";
    }
}
