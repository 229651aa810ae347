package ai.hokusai.server.service;

import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.runtime.TokenCounter;
import ai.hokusai.runtime.oip.TensorModel;
import ai.hokusai.server.config.RequestStages;
import ai.hokusai.server.config.RequestStages.Stage;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelNotFoundException;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.Caller;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/** The predict use case: resolve the model, validate every input, run the live deployment. */
@Service
public class PredictionService {

    private final ModelRegistry registry;
    private final InputValidator validator;
    private final LoadedModelCache loadedModels;
    private final Clock clock;
    private final RequestStages stages;

    public PredictionService(
            ModelRegistry registry,
            InputValidator validator,
            LoadedModelCache loadedModels,
            Clock clock,
            RequestStages stages) {
        this.stages = stages;
        this.registry = registry;
        this.validator = validator;
        this.loadedModels = loadedModels;
        this.clock = clock;
    }

    /**
     * The outcome of one predict call; {@code predictions} is a map for one input, a list for a batch. {@code tokens}
     * is what the inputs' texts cost the model by its own tokenizer, for a call on texts ({@link #predictTexts}).
     */
    public record Prediction(
            RegisteredModel model,
            ModelDeployment deployment,
            String modelVersion,
            Object predictions,
            int batchSize,
            double latencyMs,
            OffsetDateTime timestamp,
            Integer tokens)
            implements MeteredPredictionService.Served {

        @Override
        public Object outputs() {
            return predictions;
        }
    }

    /**
     * The model {@code modelRef} names for the caller: its own, or a public one of another account.
     *
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model the caller may see answers to it
     */
    public ResolvedModel resolve(Caller caller, String modelRef) {
        ResolvedModel resolved = stages.observe(Stage.RESOLVE, () -> registry.resolve(modelRef));
        if (!ModelAccess.visible(caller, resolved.model())) {
            throw new ModelNotFoundException(modelRef);
        }
        return resolved;
    }

    /**
     * @param resolved what {@link #resolve} answered
     * @param inputs   one input object (a map) or a batch (a list of maps), as parsed from the request body
     */
    public Prediction predict(ResolvedModel resolved, Object inputs) {
        return run(resolved, inputs, model -> null);
    }

    /**
     * Runs a text model (one whose input is {@code {"text": …}}) on each text, exactly as {@link #predict} runs it on
     * {@code [{"text": …}, …]}, and counts the tokens the texts cost it by its own tokenizer.
     *
     * @throws IllegalStateException when the live model reads no text through a tokenizer
     */
    public Prediction predictTexts(ResolvedModel resolved, List<String> texts) {
        List<Map<String, Object>> inputs =
                texts.stream().map(text -> Map.<String, Object>of("text", text)).toList();
        return run(resolved, inputs, model -> {
            if (!(model instanceof TokenCounter counter)) {
                throw new IllegalStateException("model " + resolved.model().id() + " reads no text");
            }
            return texts.stream().mapToInt(counter::tokens).sum();
        });
    }

    private Prediction run(ResolvedModel resolved, Object inputs, Function<LoadedModel, Integer> tokens) {
        RegisteredModel model = resolved.model();
        boolean batch = inputs instanceof List<?>;
        List<Map<String, Object>> batchInputs = stages.observe(Stage.VALIDATE, () -> validatedInputs(model, inputs));
        ModelDeployment deployment = resolved.requireActiveDeployment();
        LoadedModelCache.Entry loaded = stages.observe(Stage.LOAD, () -> resolved.loadLive(loadedModels));

        if (loaded.model() instanceof TensorModel) {
            // Its runtime takes named tensors only: say where to send them rather than fail inside the runtime.
            throw new InvalidRequestException(
                    false,
                    "Model " + model.id() + " takes tensors, not input objects: call POST /v2/models/" + model.slug()
                            + "/infer (the Open Inference Protocol).",
                    List.of(new FieldViolation("/inputs", "this model takes named tensors through its infer route")));
        }
        long started = System.nanoTime();
        List<Map<String, Object>> predictions =
                stages.observe(Stage.MODEL, () -> loaded.model().predict(batchInputs));
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        return new Prediction(
                model,
                deployment,
                loaded.model().version(),
                batch ? predictions : predictions.get(0),
                batchInputs.size(),
                latencyMs,
                OffsetDateTime.now(clock),
                tokens.apply(loaded.model()));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> validatedInputs(RegisteredModel model, Object inputs) {
        if (inputs == null) {
            throw InvalidRequestException.envelope("/inputs", "is required");
        }
        if (inputs instanceof Map<?, ?> single) {
            requireValid(validator.validate(model, single, "/inputs"));
            return List.of((Map<String, Object>) single);
        }
        if (!(inputs instanceof List<?> list)) {
            throw InvalidRequestException.envelope("/inputs", "must be an input object or an array of input objects");
        }
        if (list.isEmpty()) {
            throw InvalidRequestException.envelope("/inputs", "must hold at least 1 input");
        }
        if (list.size() > model.maxBatchSize()) {
            throw new BatchTooLargeException(model.id(), list.size(), model.maxBatchSize());
        }
        List<FieldViolation> violations = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map<?, ?> map) {
                violations.addAll(validator.validate(model, map, "/inputs/" + i));
                batch.add((Map<String, Object>) map);
            } else {
                violations.add(new FieldViolation("/inputs/" + i, "must be an input object"));
            }
        }
        requireValid(violations);
        return batch;
    }

    private static void requireValid(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            String detail = violations.size() == 1
                    ? "1 field of the input is invalid."
                    : violations.size() + " fields of the input are invalid.";
            throw new InvalidRequestException(true, detail, violations);
        }
    }
}
