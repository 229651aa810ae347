package ai.hokusai.runtime.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.ModelRuntime;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code onnx-text-embedding}: a sentence encoder exported to ONNX (a BERT-style model such as all-MiniLM-L6-v2) with
 * its Hugging Face {@code tokenizer.json}. Input {@code {"text": "…"}}, output {@code {"embedding": [...]}}: the
 * token states mean-pooled over the attention mask and L2-normalised, as sentence-transformers computes them.
 *
 * <p>The artifact directory holds {@code model.onnx} (or {@code onnx/model.onnx}, the Hub's usual place),
 * {@code tokenizer.json} and optionally {@code config.json} with {@code version} and {@code max_length} (tokens per
 * text; longer texts are truncated, default {@value #DEFAULT_MAX_LENGTH}).
 */
public class OnnxTextEmbeddingRuntime implements ModelRuntime {

    public static final String ID = "onnx-text-embedding";
    public static final String MODEL_FILE = "model.onnx";
    public static final String HUB_MODEL_FILE = "onnx/model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String CONFIG_FILE = "config.json";
    static final int DEFAULT_MAX_LENGTH = 256;

    private final JsonMapper json;

    /** With the application's mapper. */
    public OnnxTextEmbeddingRuntime(JsonMapper json) {
        this.json = json;
    }

    /** For tools and tests that load an artifact outside the application. */
    public OnnxTextEmbeddingRuntime() {
        this(JsonMapper.shared());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public OnnxTextEmbeddingModel load(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new ArtifactLoadException("onnx artifact directory " + directory + " does not exist");
        }
        Path model = Files.isRegularFile(directory.resolve(MODEL_FILE))
                ? directory.resolve(MODEL_FILE)
                : directory.resolve(HUB_MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            throw new ArtifactLoadException(
                    "missing " + directory.resolve(MODEL_FILE) + " (or " + HUB_MODEL_FILE + ")");
        }
        Path tokenizerFile = directory.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new ArtifactLoadException("missing " + tokenizerFile);
        }
        Settings settings = settings(directory.resolve(CONFIG_FILE));
        HuggingFaceTokenizer tokenizer = tokenizer(tokenizerFile, settings.maxLength());
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                OrtSession session = environment.createSession(model.toString(), options);
                return new OnnxTextEmbeddingModel(settings.version(), environment, session, tokenizer);
            }
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new ArtifactLoadException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
    }

    private record Settings(String version, int maxLength) {}

    private Settings settings(Path config) {
        if (!Files.isRegularFile(config)) {
            return new Settings("unversioned", DEFAULT_MAX_LENGTH);
        }
        try {
            JsonNode root = json.readTree(config.toFile());
            int maxLength = root.path("max_length").asInt(DEFAULT_MAX_LENGTH);
            if (maxLength < 8 || maxLength > 8192) {
                throw new ArtifactLoadException("max_length in " + config + " must be between 8 and 8192");
            }
            return new Settings(root.path("version").asString("unversioned"), maxLength);
        } catch (RuntimeException e) {
            throw e instanceof ArtifactLoadException known
                    ? known
                    : new ArtifactLoadException("invalid " + config + ": " + e.getMessage(), e);
        }
    }

    /** Always from the local file: a bare name would make DJL fetch from the Hub. */
    private static HuggingFaceTokenizer tokenizer(Path file, int maxLength) {
        try {
            return HuggingFaceTokenizer.newInstance(
                    file, Map.of("truncation", "true", "padding", "false", "maxLength", Integer.toString(maxLength)));
        } catch (IOException | RuntimeException e) {
            throw new ArtifactLoadException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }
}
