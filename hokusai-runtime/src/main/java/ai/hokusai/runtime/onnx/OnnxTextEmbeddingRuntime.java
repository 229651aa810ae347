package ai.hokusai.runtime.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.ModelRuntime;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    public static final String MODEL_FILE = OnnxArtifact.MODEL_FILE;
    public static final String HUB_MODEL_FILE = OnnxArtifact.HUB_MODEL_FILE;
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String CONFIG_FILE = OnnxArtifact.CONFIG_FILE;
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
        OnnxArtifact artifact = OnnxArtifact.in(directory, json);
        Path tokenizerFile = directory.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new ArtifactLoadException("missing " + tokenizerFile);
        }
        int maxLength = artifact.setting("max_length", DEFAULT_MAX_LENGTH, 8, 8192);
        HuggingFaceTokenizer tokenizer = tokenizer(tokenizerFile, maxLength);
        OrtSession session;
        try {
            session = artifact.openSession();
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        try {
            return new OnnxTextEmbeddingModel(artifact.version(), OnnxArtifact.environment(), session, tokenizer);
        } catch (RuntimeException e) {
            OnnxArtifact.close(session);
            tokenizer.close();
            throw artifact.cannotLoad(e);
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
