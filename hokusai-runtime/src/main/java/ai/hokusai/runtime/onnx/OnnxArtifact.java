package ai.hokusai.runtime.onnx;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An artifact directory as the ONNX runtimes read it: {@code model.onnx} (or {@code onnx/model.onnx}, the Hub's usual
 * place) and an optional {@code config.json} with the artifact's {@code version} and the runtime's settings. Every
 * session is made here, in the one ONNX Runtime environment of the process, with the same options.
 */
final class OnnxArtifact {

    static final String MODEL_FILE = "model.onnx";
    static final String HUB_MODEL_FILE = "onnx/model.onnx";
    static final String CONFIG_FILE = "config.json";
    private static final String UNVERSIONED = "unversioned";

    private final Path model;
    private final Path configFile;
    private final JsonNode config;

    private OnnxArtifact(Path model, Path configFile, JsonNode config) {
        this.model = model;
        this.configFile = configFile;
        this.config = config;
    }

    /**
     * @throws ArtifactLoadException when the directory or the model file is missing, or the config is not JSON
     */
    static OnnxArtifact in(Path directory, JsonMapper json) {
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
        Path configFile = directory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            return new OnnxArtifact(model, configFile, json.createObjectNode());
        }
        try {
            return new OnnxArtifact(model, configFile, json.readTree(configFile.toFile()));
        } catch (RuntimeException e) {
            throw new ArtifactLoadException("invalid " + configFile + ": " + e.getMessage(), e);
        }
    }

    /** The config's {@code version}, or {@value #UNVERSIONED}. */
    String version() {
        return config.path("version").asString(UNVERSIONED);
    }

    /**
     * The config's whole-number setting {@code name}, or {@code fallback} when it has none.
     *
     * @throws ArtifactLoadException when the setting is not a whole number from {@code min} to {@code max}: a typo
     *     fails the load rather than leaving the runtime on its default
     */
    int setting(String name, int fallback, int min, int max) {
        JsonNode value = config.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new ArtifactLoadException(
                    name + " in " + configFile + " must be a whole number between " + min + " and " + max);
        }
        return value.intValue();
    }

    /** The process's ONNX Runtime environment, which every session shares. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * A new session on the model file.
     *
     * @throws ArtifactLoadException when ONNX Runtime cannot read the file as a model
     */
    OrtSession openSession() {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            return environment().createSession(model.toString(), options);
        } catch (OrtException | RuntimeException e) {
            throw cannotLoad(e);
        }
    }

    /** The model file could not be loaded, for the reason {@code cause} gives. */
    ArtifactLoadException cannotLoad(Exception cause) {
        return new ArtifactLoadException("cannot load ONNX model " + model + ": " + cause.getMessage(), cause);
    }

    /** Frees a session's native memory. */
    static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing more can be freed; the process keeps running.
        }
    }
}
