package ai.hokusai.runtime.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.TokenCounter;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A loaded sentence encoder. Thread-safe: ONNX sessions and tokenizers are. */
final class OnnxTextEmbeddingModel implements LoadedModel, TokenCounter {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final String version;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;

    OnnxTextEmbeddingModel(
            String version, OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new IllegalArgumentException("the model takes " + inputs + ", not input_ids and attention_mask");
        }
        this.version = version;
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.takesTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
    }

    @Override
    public String version() {
        return version;
    }

    /** The length of the encoding {@link #predict} runs the model on: the same tokenizer, the same truncation. */
    @Override
    public int tokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /**
     * Each text runs as its own ONNX call. Padding texts to one width would change the results of quantised models,
     * whose activation ranges are measured over the whole tensor, pads included: a text must embed the same alone
     * and in a batch.
     */
    @Override
    public List<Map<String, Object>> predict(List<Map<String, Object>> inputs) {
        List<Map<String, Object>> predictions = new ArrayList<>(inputs.size());
        for (Map<String, Object> input : inputs) {
            Encoding encoding = tokenizer.encode((String) input.get("text"));
            long[] mask = encoding.getAttentionMask();
            float[][] states =
                    run(new long[][] {encoding.getIds()}, new long[][] {mask}, new long[][] {encoding.getTypeIds()})[0];
            predictions.add(Map.of("embedding", normalisedMean(states, mask)));
        }
        return predictions;
    }

    private float[][][] run(long[][] ids, long[][] mask, long[][] types) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put(INPUT_IDS, OnnxTensor.createTensor(environment, ids));
            feed.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, mask));
            if (takesTokenTypes) {
                feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, types));
            }
            try (OrtSession.Result result = session.run(feed)) {
                return (float[][][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of the token states the attention mask keeps, scaled to unit length. */
    static List<Double> normalisedMean(float[][] tokenStates, long[] mask) {
        int dimensions = tokenStates[0].length;
        double[] sum = new double[dimensions];
        int kept = 0;
        for (int t = 0; t < tokenStates.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            kept++;
            for (int d = 0; d < dimensions; d++) {
                sum[d] += tokenStates[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dimensions; d++) {
            sum[d] /= Math.max(1, kept);
            norm += sum[d] * sum[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        List<Double> embedding = new ArrayList<>(dimensions);
        for (int d = 0; d < dimensions; d++) {
            embedding.add(sum[d] / norm);
        }
        return embedding;
    }

    @Override
    public void close() {
        OnnxArtifact.close(session);
        tokenizer.close();
    }
}
