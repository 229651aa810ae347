package ai.hokusai.runtime.lscor;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.ModelRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runtime {@code lscor-logistic}: model 21 (Sales Lead Scoring v2), a logistic regression over numeric lead
 * features and bag-of-tokens text features. An artifact directory holds {@code config.json},
 * {@code tokenizer.json} (Hugging Face tokenizers format), {@code model.json} and a {@code README.md} card.
 */
public class LscorRuntime implements ModelRuntime {

    public static final String CONFIG_FILE = "config.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String WEIGHTS_FILE = "model.json";
    public static final String MODEL_CARD_FILE = "README.md";

    private final JsonMapper json;

    /** With the application's mapper. */
    public LscorRuntime(JsonMapper json) {
        this.json = json;
    }

    /** For tools and tests that load an artifact outside the application. */
    public LscorRuntime() {
        this(JsonMapper.shared());
    }

    @Override
    public String id() {
        return LscorConfig.RUNTIME_ID;
    }

    @Override
    public LscorModel load(Path artifactDirectory) {
        if (artifactDirectory == null || !Files.isDirectory(artifactDirectory)) {
            throw new ArtifactLoadException("lscor artifact directory " + artifactDirectory + " does not exist");
        }
        LscorConfig config = read(artifactDirectory, CONFIG_FILE, LscorConfig::read);
        if (!LscorConfig.RUNTIME_ID.equals(config.runtime())) {
            throw new ArtifactLoadException("artifact " + artifactDirectory + " is for runtime '" + config.runtime()
                    + "', not '" + LscorConfig.RUNTIME_ID + "'");
        }
        LscorWeights weights = read(artifactDirectory, WEIGHTS_FILE, LscorWeights::read);
        HuggingFaceTokenizer tokenizer = openTokenizer(artifactDirectory.resolve(TOKENIZER_FILE));
        try {
            return new LscorModel(config, weights, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw new ArtifactLoadException("artifact " + artifactDirectory + " is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * Always from the local file: a bare name would make DJL fetch from the Hub. Special tokens are off
     * because the features are bags of words, not model inputs that need [CLS]/[SEP] framing.
     */
    public static HuggingFaceTokenizer openTokenizer(Path tokenizerFile) {
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new ArtifactLoadException("missing " + tokenizerFile);
        }
        try {
            return HuggingFaceTokenizer.newInstance(
                    tokenizerFile, Map.of("addSpecialTokens", "false", "truncation", "false"));
        } catch (IOException | RuntimeException e) {
            throw new ArtifactLoadException("cannot load tokenizer " + tokenizerFile + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(Path directory, String file, Function<JsonNode, T> parser) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ArtifactLoadException("missing " + path);
        }
        try {
            return parser.apply(json.readTree(path.toFile()));
        } catch (RuntimeException e) {
            throw new ArtifactLoadException("invalid " + path + ": " + e.getMessage(), e);
        }
    }
}
