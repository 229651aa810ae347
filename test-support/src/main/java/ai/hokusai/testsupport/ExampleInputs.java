package ai.hokusai.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The example inputs of model 21, read from the spec's own examples ({@code components.examples} of
 * {@code openapi/openapi.yaml}, packaged by {@code hokusai-api-spec}), so every test scores the lead the docs show and
 * none keeps a copy that can drift from it. Each call answers a fresh, modifiable copy: a test that needs a variant
 * changes a field of its own copy.
 */
public final class ExampleInputs {

    /** Where {@code hokusai-api-spec} puts the contract on the classpath. */
    public static final String SPEC_RESOURCE = "openapi/openapi.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Object> examples;

    private ExampleInputs() {}

    /** The lead of the spec's {@code PredictRequestOne} example: one input of model 21. */
    public static Map<String, Object> lead() {
        return asMap(predictRequest().get("inputs"), "PredictRequestOne's inputs");
    }

    /** {@link #lead()} as JSON text. */
    public static String leadJson() {
        return json(lead());
    }

    /** A predict body of {@code count} copies of {@link #lead()}, as JSON text. */
    public static String predictBatchJson(int count) {
        StringBuilder json = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ", ").append(leadJson());
        }
        return json.append("]}").toString();
    }

    /** The leads of the spec's {@code PredictRequestBatch} example, in order; the first is {@link #lead()}. */
    public static List<Map<String, Object>> leads() {
        Object inputs = example("PredictRequestBatch").get("inputs");
        if (!(inputs instanceof List)) {
            throw new IllegalStateException("the spec's PredictRequestBatch example has no list of inputs");
        }
        List<Map<String, Object>> leads = new ArrayList<>();
        for (Object lead : (List<?>) inputs) {
            leads.add(asMap(lead, "an input of PredictRequestBatch"));
        }
        return leads;
    }

    /** The whole body of the spec's {@code PredictRequestOne} example: {@code inputs} and {@code options}. */
    public static Map<String, Object> predictRequest() {
        return example("PredictRequestOne");
    }

    /** {@link #predictRequest()} as JSON text. */
    public static String predictRequestJson() {
        return json(predictRequest());
    }

    /** The body of the spec's {@code InferenceRequestOneLead} example: model 21's lead as named tensors. */
    public static Map<String, Object> inferenceRequest() {
        return example("InferenceRequestOneLead");
    }

    /** The body of the spec's {@code ModelCreateEmbedding} example: a sentence-embedding model to register. */
    public static Map<String, Object> embeddingModel() {
        return example("ModelCreateEmbedding");
    }

    /** Any value (an example, or a test's variant of one) as JSON text, fields in their order. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }

    /** A copy of {@code components.examples.<name>.value}. */
    private static Map<String, Object> example(String name) {
        Object example = examples().get(name);
        if (!(example instanceof Map)) {
            throw new IllegalStateException("the spec " + SPEC_RESOURCE + " has no example named " + name);
        }
        return asMap(((Map<?, ?>) example).get("value"), "the value of the example " + name);
    }

    private static synchronized Map<String, Object> examples() {
        if (examples == null) {
            Map<String, Object> spec = readSpec();
            Object components = spec.get("components");
            Object found = components instanceof Map ? ((Map<?, ?>) components).get("examples") : null;
            examples = asMap(found, "components.examples");
        }
        return examples;
    }

    private static Map<String, Object> readSpec() {
        try (InputStream in = ExampleInputs.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath: add hokusai-api-spec");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPEC_RESOURCE, e);
        }
    }

    /** A deep copy, so no caller can change what the next one gets. */
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException(what + " in " + SPEC_RESOURCE + " is not an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((key, field) -> copy.put(String.valueOf(key), copyOf(field)));
        return copy;
    }

    private static Object copyOf(Object value) {
        if (value instanceof Map) {
            return asMap(value, "a nested object");
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(copyOf(item));
            }
            return copy;
        }
        return value;
    }
}
