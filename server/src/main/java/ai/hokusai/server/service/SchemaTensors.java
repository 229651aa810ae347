package ai.hokusai.server.service;

import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.Tensor;
import ai.hokusai.runtime.oip.TensorMetadata;
import ai.hokusai.runtime.oip.TensorSignature;
import ai.hokusai.server.registry.RegisteredModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model that predicts on JSON objects, seen as a tensor model: each field of its input schema is an input tensor and
 * each field of its output schema an output tensor, named as the field, with the batch as the first dimension. Text is
 * {@code BYTES}, an integer {@code INT64}, a number {@code FP64}, a boolean {@code BOOL}, an array of numbers a
 * {@code FP64} row per input, and any other value its JSON text in {@code BYTES}.
 */
final class SchemaTensors {

    /** How a field's values are laid out as a tensor. */
    enum Kind {
        TEXT(Datatype.BYTES, 1),
        INTEGER(Datatype.INT64, 1),
        NUMBER(Datatype.FP64, 1),
        BOOLEAN(Datatype.BOOL, 1),
        VECTOR(Datatype.FP64, 2),
        JSON(Datatype.BYTES, 1);

        final Datatype datatype;
        final int dimensions;

        Kind(Datatype datatype, int dimensions) {
            this.datatype = datatype;
            this.dimensions = dimensions;
        }

        List<Long> shape() {
            return dimensions == 1
                    ? List.of(TensorMetadata.DYNAMIC)
                    : List.of(TensorMetadata.DYNAMIC, TensorMetadata.DYNAMIC);
        }
    }

    /** One field of the schema. */
    record Field(String name, Kind kind, boolean required) {
        TensorMetadata metadata() {
            return new TensorMetadata(name, kind.datatype, kind.shape());
        }
    }

    /** The output of a model without an output schema: each prediction's JSON text. */
    static final String WHOLE_PREDICTION = "prediction";

    private final List<Field> inputs;
    private final List<Field> outputs;
    private final boolean wholePrediction;
    private final JsonMapper json;

    private SchemaTensors(List<Field> inputs, List<Field> outputs, boolean wholePrediction, JsonMapper json) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.wholePrediction = wholePrediction;
        this.json = json;
    }

    static SchemaTensors of(RegisteredModel model, JsonMapper json) {
        List<Field> inputs = fields(json, model.inputSchemaJson());
        boolean wholePrediction = model.outputSchemaJson() == null;
        List<Field> outputs = wholePrediction
                ? List.of(new Field(WHOLE_PREDICTION, Kind.JSON, true))
                : fields(json, model.outputSchemaJson());
        return new SchemaTensors(inputs, outputs, wholePrediction, json);
    }

    TensorSignature signature() {
        return new TensorSignature(
                inputs.stream().map(Field::metadata).toList(),
                outputs.stream().map(Field::metadata).toList());
    }

    /**
     * The signature a request is held to: every required input, and the optional ones it gives (an optional field
     * may be left out, as in the JSON object).
     */
    TensorSignature signatureFor(List<Tensor> given) {
        Set<String> names = new HashSet<>();
        given.forEach(t -> names.add(t.name()));
        return new TensorSignature(
                inputs.stream()
                        .filter(f -> f.required() || names.contains(f.name()))
                        .map(Field::metadata)
                        .toList(),
                outputs.stream().map(Field::metadata).toList());
    }

    /**
     * The input objects the tensors hold, one per row of the batch. The tensors have been held to
     * {@link #signatureFor} already, so each fits its field's datatype and number of dimensions.
     *
     * @throws InvalidTensorRequestException when the tensors disagree on the batch size, or a JSON text is not JSON
     */
    List<Map<String, Object>> rows(List<Tensor> tensors) {
        long batch = -1;
        for (int k = 0; k < tensors.size(); k++) {
            Tensor tensor = tensors.get(k);
            long rows = tensor.shape().get(0);
            if (rows == 0) {
                throw new InvalidTensorRequestException(
                        "/inputs/" + k + "/shape/0",
                        "Input '" + tensor.name() + "' holds no input; the batch needs at least 1.");
            }
            if (batch >= 0 && rows != batch) {
                throw new InvalidTensorRequestException(
                        "/inputs/" + k + "/shape/0",
                        "Input '" + tensor.name() + "' holds " + rows + " inputs where '"
                                + tensors.get(0).name() + "' holds " + batch
                                + "; every input tensor holds the same batch.");
            }
            batch = rows;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            rows.add(new LinkedHashMap<>());
        }
        for (int k = 0; k < tensors.size(); k++) {
            Tensor tensor = tensors.get(k);
            Kind kind = field(inputs, tensor.name()).kind();
            int width = kind == Kind.VECTOR ? Math.toIntExact(tensor.shape().get(1)) : 1;
            for (int i = 0; i < batch; i++) {
                Object value;
                if (kind == Kind.VECTOR) {
                    List<Object> row = new ArrayList<>(width);
                    for (int j = 0; j < width; j++) {
                        row.add(((Number) tensor.data().get(i * width + j)).doubleValue());
                    }
                    value = row;
                } else {
                    value = element(kind, tensor.data().get(i), "/inputs/" + k + "/data/" + i, tensor.name());
                }
                rows.get(i).put(tensor.name(), value);
            }
        }
        return rows;
    }

    private Object element(Kind kind, Object value, String pointer, String tensor) {
        return switch (kind) {
            case INTEGER -> new BigDecimal(value.toString()).longValueExact();
            case NUMBER -> ((Number) value).doubleValue();
            case JSON -> {
                try {
                    yield json.readValue((String) value, Object.class);
                } catch (JacksonException e) {
                    throw new InvalidTensorRequestException(
                            pointer, "Input '" + tensor + "' holds an element that is not JSON text; it takes JSON.");
                }
            }
            default -> value;
        };
    }

    /**
     * The predictions as output tensors: the ones {@code wanted} names in its order, or else all of them.
     *
     * @param predictions one JSON-ready object per input, as the model answered
     */
    List<Tensor> outputs(List<Map<String, Object>> predictions, List<String> wanted) {
        List<Field> fields = wanted.isEmpty()
                ? outputs
                : wanted.stream().map(n -> field(outputs, n)).toList();
        List<Tensor> tensors = new ArrayList<>();
        long batch = predictions.size();
        for (Field field : fields) {
            List<Object> data = new ArrayList<>();
            long width = -1;
            for (Map<String, Object> prediction : predictions) {
                Object value = wholePrediction ? prediction : prediction.get(field.name());
                if (field.kind() == Kind.VECTOR) {
                    List<?> row = (List<?>) value;
                    if (width >= 0 && row.size() != width) {
                        throw new IllegalStateException("output " + field.name() + " has rows of different lengths");
                    }
                    width = row.size();
                    row.forEach(x -> data.add(((Number) x).doubleValue()));
                } else {
                    data.add(outputElement(field.kind(), value));
                }
            }
            List<Long> shape = field.kind() == Kind.VECTOR ? List.of(batch, Math.max(width, 0)) : List.of(batch);
            tensors.add(new Tensor(field.name(), field.kind().datatype, shape, data));
        }
        return tensors;
    }

    private Object outputElement(Kind kind, Object value) {
        return switch (kind) {
            case INTEGER -> ((Number) value).longValue();
            case NUMBER -> ((Number) value).doubleValue();
            case JSON -> json.writeValueAsString(value);
            default -> value;
        };
    }

    private static Field field(List<Field> fields, String name) {
        return fields.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<Field> fields(JsonMapper json, String schemaJson) {
        Map<String, Object> schema = json.readValue(schemaJson, Map.class);
        Object required = schema.get("required");
        List<String> requiredNames = new ArrayList<>();
        if (required instanceof List<?> names) {
            names.forEach(n -> requiredNames.add(String.valueOf(n)));
        }
        Map<String, Object> properties =
                schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        // The stored schema's key order is the database's, not its author's: the required fields come in the order
        // the schema lists them, then the optional ones by name.
        List<String> order = new ArrayList<>();
        requiredNames.stream().filter(properties::containsKey).distinct().forEach(order::add);
        properties.keySet().stream()
                .filter(name -> !order.contains(name))
                .sorted()
                .forEach(order::add);
        List<Field> fields = new ArrayList<>();
        for (String name : order) {
            Object definition = properties.get(name);
            fields.add(new Field(
                    name,
                    kind(definition instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of()),
                    requiredNames.contains(name)));
        }
        return List.copyOf(fields);
    }

    private static Kind kind(Map<String, Object> definition) {
        String type = type(definition);
        return switch (type) {
            case "string" -> Kind.TEXT;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "array" ->
                definition.get("items") instanceof Map<?, ?> items
                                && ("number".equals(type(items)) || "integer".equals(type(items)))
                        ? Kind.VECTOR
                        : Kind.JSON;
            default -> Kind.JSON;
        };
    }

    /** The schema's type, or the first one that is not {@code null} when it lists several. */
    private static String type(Map<?, ?> definition) {
        Object type = definition.get("type");
        if (type instanceof String single) {
            return single;
        }
        if (type instanceof List<?> several) {
            return several.stream()
                    .map(String::valueOf)
                    .filter(t -> !"null".equals(t))
                    .findFirst()
                    .orElse("null");
        }
        return "object";
    }
}
