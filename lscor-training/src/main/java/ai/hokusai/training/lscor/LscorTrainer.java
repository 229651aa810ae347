package ai.hokusai.training.lscor;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.lscor.LscorConfig;
import ai.hokusai.runtime.lscor.LscorModel;
import ai.hokusai.runtime.lscor.LscorRuntime;
import ai.hokusai.runtime.lscor.LscorWeights;
import ai.hokusai.runtime.lscor.TextFeature;
import ai.hokusai.training.lscor.SyntheticLeads.Lead;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Trains model 21 and writes its artifact: generates the seeded synthetic leads, builds {@code tokenizer.json}
 * from the training split's vocabulary, fits the logistic regression over the numeric features and the
 * tokenized text fields, measures held-out accuracy through the serving code path, and writes config, weights
 * and model card. Same seed, same bytes.
 *
 * <p>Run: {@code ./mvnw -B -pl lscor-training -am process-classes -Ptrain-lscor} (writes
 * {@code server/src/main/resources/models/lscor-v2}), or {@code main} with an output directory.
 */
public final class LscorTrainer {

    public static final long SEED = 21;
    public static final int TRAIN_ROWS = 4800;
    public static final int TEST_ROWS = 1200;
    public static final String VERSION = "2.0.0";
    /** The accuracy published for model 21's family; a retrained model must beat it. */
    public static final double BASELINE_ACCURACY = 0.65;
    /** The committed artifact the server ships, as seen from this module's folder. */
    public static final Path COMMITTED_ARTIFACT = Path.of("../server/src/main/resources/models/lscor-v2");

    static final int ITERATIONS = 6000;
    static final double LEARNING_RATE = 0.5;
    static final double L2 = 0.001;

    private static final TextFeature[] TEXT = TextFeature.values();

    private LscorTrainer() {}

    public static void main(String[] args) throws IOException {
        Path output = args.length > 0 ? Path.of(args[0]) : COMMITTED_ARTIFACT;
        LscorConfig.Metrics metrics = train(output);
        System.out.printf(
                "lscor %s written to %s%nheld-out accuracy %.4f (baseline %.2f, majority class %.4f), "
                        + "%d train / %d test rows, seed %d%n",
                VERSION,
                output.toAbsolutePath().normalize(),
                metrics.heldoutAccuracy(),
                metrics.baselineAccuracy(),
                metrics.majorityClassAccuracy(),
                metrics.trainRows(),
                metrics.testRows(),
                metrics.seed());
        if (metrics.heldoutAccuracy() <= BASELINE_ACCURACY) {
            System.err.println("held-out accuracy does not beat the baseline");
            System.exit(1);
        }
    }

    /** Writes the artifact into {@code output} (created if needed) and returns its held-out metrics. */
    public static LscorConfig.Metrics train(Path output) throws IOException {
        List<Lead> leads = SyntheticLeads.generate(SEED, TRAIN_ROWS + TEST_ROWS);
        List<Lead> train = leads.subList(0, TRAIN_ROWS);
        List<Lead> test = leads.subList(TRAIN_ROWS, leads.size());

        Map<TextFeature, SortedSet<String>> fieldVocabulary = new EnumMap<>(TextFeature.class);
        SortedSet<String> vocabulary = new TreeSet<>();
        for (TextFeature feature : TEXT) {
            SortedSet<String> tokens = new TreeSet<>();
            train.forEach(lead -> tokens.addAll(TokenizerJson.preTokenize(feature.text(lead.input()))));
            fieldVocabulary.put(feature, tokens);
            vocabulary.addAll(tokens);
        }
        Files.createDirectories(output);
        Path tokenizerFile = output.resolve(LscorRuntime.TOKENIZER_FILE);
        writeText(tokenizerFile, StableJson.write(TokenizerJson.wordLevel(vocabulary)));

        try (HuggingFaceTokenizer tokenizer = LscorRuntime.openTokenizer(tokenizerFile)) {
            TrainingRows rows = TrainingRows.build(train, fieldVocabulary, text -> tokens(tokenizer, text));
            LogisticRegression.Fit fit = new LogisticRegression(ITERATIONS, LEARNING_RATE, L2)
                    .fit(rows.dense(), rows.active(), rows.binaryCount(), rows.labels());
            LscorWeights weights = rows.weights(fit);
            LscorConfig config = LscorDefaults.config(VERSION, TokenizerJson.UNK, null);
            LscorConfig.Metrics metrics = evaluate(new LscorModel(config, weights, tokenizer), test);
            config = config.withMetrics(metrics);
            writeText(output.resolve(LscorRuntime.WEIGHTS_FILE), StableJson.write(weights.toJson()));
            writeText(output.resolve(LscorRuntime.CONFIG_FILE), StableJson.write(config.toJson()));
            writeText(output.resolve(LscorRuntime.MODEL_CARD_FILE), ModelCard.render(config));
            return metrics;
        }
    }

    /**
     * The real tokenizer's tokens; the Java pre-tokenizer that chose the vocabulary must agree with it, or
     * training would silently learn from [UNK].
     */
    private static List<String> tokens(HuggingFaceTokenizer tokenizer, String text) {
        List<String> tokens = List.of(tokenizer.encode(text, false, false).getTokens());
        if (!tokens.equals(TokenizerJson.preTokenize(text))) {
            throw new IllegalStateException("tokenizer.json splits '" + text + "' as " + tokens + ", expected "
                    + TokenizerJson.preTokenize(text));
        }
        return tokens;
    }

    /** Accuracy through {@link LscorModel#predict}: the number published is the number clients get. */
    private static LscorConfig.Metrics evaluate(LscorModel model, List<Lead> test) {
        List<Map<String, Object>> predictions =
                model.predict(test.stream().map(Lead::input).toList());
        int correct = 0;
        int positives = 0;
        for (int i = 0; i < test.size(); i++) {
            boolean predicted = ((Number) predictions.get(i).get("conversion_probability")).doubleValue() >= 0.5;
            correct += predicted == test.get(i).converted() ? 1 : 0;
            positives += test.get(i).converted() ? 1 : 0;
        }
        return new LscorConfig.Metrics(
                ratio(correct, test.size()),
                BASELINE_ACCURACY,
                ratio(Math.max(positives, test.size() - positives), test.size()),
                ratio(positives, test.size()),
                TRAIN_ROWS,
                test.size(),
                SEED);
    }

    private static double ratio(int part, int whole) {
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
