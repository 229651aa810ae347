package ai.hokusai.runtime.onnx;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.ModelRuntime;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code onnx}: any ONNX model whose inputs and outputs are all tensors, answering tensor requests as the Open
 * Inference Protocol asks them ({@link ai.hokusai.runtime.oip.TensorModel}). What it takes and returns is read from the
 * graph; a request is held to that before it runs.
 *
 * <p>The artifact directory holds {@code model.onnx} (or {@code onnx/model.onnx}) and optionally {@code config.json}
 * with {@code version} and {@code max_elements}: how many elements, summed over its input tensors, one request may
 * hold (default {@value #DEFAULT_MAX_ELEMENTS}, at most {@value #MAX_ELEMENTS_LIMIT}).
 */
public class OnnxTensorRuntime implements ModelRuntime {

    public static final String ID = "onnx";
    public static final String MODEL_FILE = OnnxArtifact.MODEL_FILE;
    public static final String CONFIG_FILE = OnnxArtifact.CONFIG_FILE;
    static final int DEFAULT_MAX_ELEMENTS = 1 << 20;
    /** Keeps each input's native buffer well under the 2 GiB a Java buffer holds: this many 64-bit elements fill 1 GiB. */
    static final int MAX_ELEMENTS_LIMIT = 1 << 27;

    private final JsonMapper json;

    /** With the application's mapper. */
    public OnnxTensorRuntime(JsonMapper json) {
        this.json = json;
    }

    /** For tools and tests that load an artifact outside the application. */
    public OnnxTensorRuntime() {
        this(JsonMapper.shared());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public OnnxTensorModel load(Path directory) {
        OnnxArtifact artifact = OnnxArtifact.in(directory, json);
        int maxElements = artifact.setting("max_elements", DEFAULT_MAX_ELEMENTS, 1, MAX_ELEMENTS_LIMIT);
        OrtSession session = artifact.openSession();
        try {
            return OnnxTensorModel.of(artifact.version(), OnnxArtifact.environment(), session, maxElements);
        } catch (OrtException | RuntimeException e) {
            OnnxArtifact.close(session);
            throw e instanceof ArtifactLoadException known ? known : artifact.cannotLoad(e);
        }
    }
}
