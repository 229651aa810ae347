package ai.hokusai.runtime.lscor;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.LoadedModel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Model 21 in memory. Everything derivable from the artifact is computed once here; {@link #predict} only
 * tokenizes each text field and adds up weights.
 */
public final class LscorModel implements LoadedModel {

    private static final TextFeature[] TEXT = TextFeature.values();
    private static final int TOKEN_CACHE_SIZE = 4_096;

    private final LscorConfig config;
    private final HuggingFaceTokenizer tokenizer;
    private final LeadScorer scorer;
    private final FactorExplainer explainer;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Token ids per text already encoded. Text fields repeat (an industry, a job title, a quarter), and encoding
     * copies the whole encoding over JNI where only the ids are used; bounded, and gone with the model.
     */
    private final Cache<String, long[]> encodedTexts =
            Caffeine.newBuilder().maximumSize(TOKEN_CACHE_SIZE).build();

    /**
     * Takes ownership of {@code tokenizer} once constructed; if construction fails the caller still owns it.
     *
     * @throws IllegalArgumentException when weights or labels name tokens the tokenizer does not know
     */
    public LscorModel(LscorConfig config, LscorWeights weights, HuggingFaceTokenizer tokenizer) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.scorer = new LeadScorer(weights, this::vocabularyId);
        this.explainer = new FactorExplainer(config, scorer, this::vocabularyId);
    }

    @Override
    public String version() {
        return config.version();
    }

    @Override
    public List<Map<String, Object>> predict(List<Map<String, Object>> inputs) {
        if (closed.get()) {
            throw new IllegalStateException("model " + config.version() + " is closed");
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        // One encode per text rather than the library's batch call: the batch call fans out to a native thread
        // pool on every request, which on a loaded two-core server costs ~30x the encoding itself
        // (measured under load: model time p50 2.1 ms batched vs 0.07 ms sequential).
        List<Map<String, Object>> predictions = new ArrayList<>(inputs.size());
        for (Map<String, Object> input : inputs) {
            long[][] tokenIds = new long[TEXT.length][];
            for (TextFeature feature : TEXT) {
                tokenIds[feature.ordinal()] = encodedTexts.get(
                        feature.text(input),
                        text -> tokenizer.encode(text, false, false).getIds());
            }
            predictions.add(prediction(input, tokenIds));
        }
        return predictions;
    }

    private Map<String, Object> prediction(Map<String, Object> input, long[][] tokenIds) {
        LeadScorer.Score score = scorer.score(input, tokenIds);
        // Score and confidence derive from the rounded probability, so the three numbers agree exactly.
        BigDecimal probability = BigDecimal.valueOf(score.probability()).setScale(4, RoundingMode.HALF_UP);
        int leadScore =
                probability.movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
        BigDecimal confidence = probability
                .multiply(BigDecimal.valueOf(2))
                .subtract(BigDecimal.ONE)
                .abs();
        Map<String, Object> prediction = new LinkedHashMap<>();
        prediction.put("lead_score", leadScore);
        prediction.put("conversion_probability", probability.doubleValue());
        prediction.put("recommendation", recommendation(leadScore));
        prediction.put("factors", explainer.explain(input, tokenIds, score.contributions()));
        prediction.put("confidence", confidence.doubleValue());
        return prediction;
    }

    private String recommendation(int leadScore) {
        if (leadScore >= config.hotThreshold()) {
            return "Hot";
        }
        return leadScore >= config.warmThreshold() ? "Warm" : "Cold";
    }

    /** Ids come from the tokenizer itself, so weights can never drift from the vocabulary that encodes inputs. */
    private long vocabularyId(String token) {
        Encoding encoding = tokenizer.encode(token, false, false);
        if (encoding.getIds().length != 1 || !encoding.getTokens()[0].equals(token)) {
            throw new IllegalArgumentException("token '" + token + "' is not in the tokenizer vocabulary");
        }
        return encoding.getIds()[0];
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            encodedTexts.invalidateAll();
            tokenizer.close();
        }
    }
}
