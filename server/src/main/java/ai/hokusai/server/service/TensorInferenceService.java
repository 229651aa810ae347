package ai.hokusai.server.service;

import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.InferenceRequest;
import ai.hokusai.runtime.oip.InferenceRequestValidator;
import ai.hokusai.runtime.oip.InferenceResponse;
import ai.hokusai.runtime.oip.InputRejectedException;
import ai.hokusai.runtime.oip.InvalidTensorException;
import ai.hokusai.runtime.oip.Tensor;
import ai.hokusai.runtime.oip.TensorData;
import ai.hokusai.runtime.oip.TensorMetadata;
import ai.hokusai.runtime.oip.TensorModel;
import ai.hokusai.runtime.oip.TensorSignature;
import ai.hokusai.runtime.onnx.OnnxTensorRuntime;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelNotFoundException;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.runtime.ModelUnavailableException;
import ai.hokusai.server.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol's use cases on every served model: its tensor metadata, whether it is ready, and
 * inference on named tensors, metered as predict is. A model whose runtime answers tensors
 * ({@link TensorModel}, the {@code onnx} runtime) is asked directly; every other model through its JSON Schemas
 * ({@link SchemaTensors}), predicting exactly as {@code predict} does.
 */
@Service
public class TensorInferenceService {

    /** The platform the protocol names for a model run by ONNX Runtime. */
    static final String ONNX_PLATFORM = "onnx_onnxv1";

    private final PredictionService predictions;
    private final MeteredPredictionService metered;
    private final ModelRegistry registry;
    private final LoadedModelCache loadedModels;
    private final JsonMapper json;
    private final Cache<RegisteredModel, SchemaTensors> schemas =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public TensorInferenceService(
            PredictionService predictions,
            MeteredPredictionService metered,
            ModelRegistry registry,
            LoadedModelCache loadedModels,
            JsonMapper json) {
        this.predictions = predictions;
        this.metered = metered;
        this.registry = registry;
        this.loadedModels = loadedModels;
        this.json = json;
    }

    /** A tensor a model takes or returns; {@code -1} where a size varies. */
    public record TensorSpec(String name, String datatype, List<Long> shape) {}

    /** A tensor of a request or an answer, its data flat or (in a request) nested as the shape. */
    public record NamedTensor(String name, String datatype, List<Long> shape, List<?> data) {}

    /** A model's metadata as the protocol lists it. */
    public record ModelTensors(
            String name, List<String> versions, String platform, List<TensorSpec> inputs, List<TensorSpec> outputs) {}

    /** Whether a model (or one version of it) can infer. */
    public record Readiness(String name, boolean ready) {}

    /** @param outputs the outputs wanted, in order; empty for all */
    public record TensorCall(List<NamedTensor> inputs, List<String> outputs) {}

    /** An answered inference and the id of its usage record. */
    public record Inference(String modelName, String modelVersion, List<NamedTensor> outputs, UUID inferenceLogId) {}

    /** What one inference served, for its usage record. */
    private record Served(
            RegisteredModel model, ModelDeployment deployment, String modelVersion, int batchSize, List<Tensor> tensors)
            implements MeteredPredictionService.Served {

        @Override
        public Object outputs() {
            return tensors.stream().map(TensorInferenceService::recorded).toList();
        }
    }

    /**
     * @param version a deployment's version, or null for the live one
     * @throws ModelNotFoundException when no model the caller may see answers to {@code name}, or it has no such version
     * @throws ModelUnavailableException when the model (or that version) is not live and ready, or cannot be loaded
     */
    public ModelTensors metadata(Caller caller, String name, @Nullable String version) {
        ResolvedModel resolved = predictions.resolve(caller, name);
        ModelDeployment live = serving(resolved, name, version);
        LoadedModelCache.Entry loaded = resolved.loadLive(loadedModels);
        TensorSignature signature = loaded.model() instanceof TensorModel tensors
                ? tensors.signature()
                : schemaTensors(resolved.model()).signature();
        return new ModelTensors(
                resolved.model().slug(),
                List.of(live.version()),
                OnnxTensorRuntime.ID.equals(live.runtime()) ? ONNX_PLATFORM : "hokusai_" + live.runtime(),
                signature.inputs().stream().map(TensorInferenceService::spec).toList(),
                signature.outputs().stream().map(TensorInferenceService::spec).toList());
    }

    /**
     * @throws ModelNotFoundException when no model the caller may see answers to {@code name}, or it has no such version
     */
    public Readiness ready(Caller caller, String name, @Nullable String version) {
        ResolvedModel resolved = predictions.resolve(caller, name);
        if (version != null) {
            requireVersion(resolved, name, version);
        }
        boolean ready = resolved.activeDeployment()
                .filter(ModelDeployment::ready)
                .filter(live -> version == null || live.version().equals(version))
                .isPresent();
        return new Readiness(resolved.model().slug(), ready);
    }

    /**
     * Runs the model on the call's tensors, metered as predict is.
     *
     * @throws InvalidTensorRequestException when a tensor does not fit the model, naming it
     */
    public Inference infer(
            MeteredPredictionService.Call call, String name, @Nullable String version, TensorCall tensors) {
        List<Map<String, Object>> asked =
                tensors.inputs().stream().map(TensorInferenceService::recorded).toList();
        MeteredPredictionService.Metered<Served> answer =
                metered.serve(call, name, asked, resolved -> run(resolved, name, version, tensors));
        Served served = answer.served();
        return new Inference(
                served.model().slug(),
                served.modelVersion(),
                served.tensors().stream()
                        .map(t -> new NamedTensor(t.name(), t.datatype().name(), t.shape(), t.data()))
                        .toList(),
                answer.inferenceLogId());
    }

    private Served run(ResolvedModel resolved, String name, @Nullable String version, TensorCall call) {
        ModelDeployment live = serving(resolved, name, version);
        try {
            List<Tensor> inputs = tensors(call.inputs());
            LoadedModelCache.Entry loaded = resolved.loadLive(loadedModels);
            if (loaded.model() instanceof TensorModel model) {
                InferenceResponse response = model.infer(new InferenceRequest(inputs, call.outputs()));
                return new Served(
                        resolved.model(), live, loaded.model().version(), batchSize(inputs), response.outputs());
            }
            SchemaTensors schema = schemaTensors(resolved.model());
            InferenceRequestValidator.validate(
                    new InferenceRequest(inputs, call.outputs()), schema.signatureFor(inputs), Long.MAX_VALUE);
            List<Map<String, Object>> rows = schema.rows(inputs);
            PredictionService.Prediction prediction = predictOn(resolved, rows, inputs);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> answers = (List<Map<String, Object>>) prediction.predictions();
            return new Served(
                    resolved.model(),
                    prediction.deployment(),
                    prediction.modelVersion(),
                    prediction.batchSize(),
                    schema.outputs(answers, call.outputs()));
        } catch (InvalidTensorException e) {
            throw new InvalidTensorRequestException(e.pointer(), e.getMessage());
        } catch (InputRejectedException e) {
            throw new InvalidTensorRequestException("/inputs", "The model refused the inputs: " + e.getMessage());
        }
    }

    /** Predicts as predict does; a value the input schema refuses is reported at the tensor element that holds it. */
    private PredictionService.Prediction predictOn(
            ResolvedModel resolved, List<Map<String, Object>> rows, List<Tensor> inputs) {
        try {
            return predictions.predict(resolved, rows);
        } catch (InvalidRequestException e) {
            if (e.violations().isEmpty()) {
                throw e;
            }
            FieldViolation first = e.violations().get(0);
            // "/inputs/{row}/{field}[/…]", as predict points into its batch of objects
            String[] parts = first.pointer().split("/", 5);
            if (parts.length < 4) {
                throw e;
            }
            String field = parts[3].replace("~1", "/").replace("~0", "~");
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k).name().equals(field)) {
                    throw new InvalidTensorRequestException(
                            "/inputs/" + k + "/data/" + parts[2],
                            "Input '" + field + "' element " + parts[2] + " " + first.message() + ".");
                }
            }
            throw e;
        }
    }

    /** The live deployment, when it is the one {@code version} names (any version when null). */
    private ModelDeployment serving(ResolvedModel resolved, String name, @Nullable String version) {
        if (version != null) {
            Optional<ModelDeployment> live = resolved.activeDeployment();
            if (live.isPresent() && live.get().version().equals(version)) {
                return live.get();
            }
            requireVersion(resolved, name, version);
            throw new ModelUnavailableException(
                    "Version " + version + " of model " + resolved.model().id()
                            + " is not its live deployment"
                            + live.map(d -> "; version " + d.version() + " is").orElse("") + ".");
        }
        return resolved.requireActiveDeployment();
    }

    private void requireVersion(ResolvedModel resolved, String name, String version) {
        boolean known = resolved.activeDeployment()
                        .filter(d -> d.version().equals(version))
                        .isPresent()
                || registry.deploymentsOf(resolved.model().id()).stream()
                        .anyMatch(d -> d.version().equals(version));
        if (!known) {
            throw new ModelNotFoundException(name + "/versions/" + version);
        }
    }

    private SchemaTensors schemaTensors(RegisteredModel model) {
        return schemas.get(model, m -> SchemaTensors.of(m, json));
    }

    /** The request's tensors as the runtime holds them: datatypes parsed, nested data flattened row-major. */
    private static List<Tensor> tensors(List<NamedTensor> given) {
        List<Tensor> tensors = new ArrayList<>(given.size());
        for (int k = 0; k < given.size(); k++) {
            NamedTensor t = given.get(k);
            String at = "/inputs/" + k;
            Datatype datatype = Datatype.fromName(t.datatype())
                    .orElseThrow(() -> new InvalidTensorRequestException(
                            at + "/datatype",
                            "Input '" + t.name() + "' has datatype " + t.datatype()
                                    + ", which the protocol does not name."));
            tensors.add(new Tensor(
                    t.name(), datatype, t.shape(), TensorData.flatten(t.name(), at + "/data", t.shape(), t.data())));
        }
        return tensors;
    }

    private static int batchSize(List<Tensor> inputs) {
        return inputs.isEmpty() || inputs.get(0).shape().isEmpty()
                ? 1
                : (int) Math.min(Integer.MAX_VALUE, inputs.get(0).shape().get(0));
    }

    private static TensorSpec spec(TensorMetadata metadata) {
        return new TensorSpec(metadata.name(), metadata.datatype().name(), metadata.shape());
    }

    private static Map<String, Object> recorded(NamedTensor t) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", t.name());
        tensor.put("datatype", t.datatype());
        tensor.put("shape", t.shape());
        tensor.put("data", t.data());
        return tensor;
    }

    private static Map<String, Object> recorded(Tensor t) {
        return recorded(new NamedTensor(t.name(), t.datatype().name(), t.shape(), t.data()));
    }
}
