package ai.hokusai.runtime;

import java.util.List;
import java.util.Map;

/** A model in memory, ready to predict. Implementations are thread-safe. */
public interface LoadedModel extends AutoCloseable {

    /** The artifact's version, from its config. */
    String version();

    /**
     * Predicts a batch. Every input has already been validated against the model's input JSON Schema,
     * so a runtime may rely on required fields, types and ranges. Keys are the snake_case field names.
     *
     * @return one prediction per input, in input order; each a JSON-ready map with snake_case keys
     * @throws UnsupportedOperationException when the model answers tensor requests only
     *     ({@link ai.hokusai.runtime.oip.TensorModel})
     */
    List<Map<String, Object>> predict(List<Map<String, Object>> inputs);

    /** Frees native resources (e.g. the tokenizer). */
    @Override
    void close();
}
