package ai.hokusai.server.service;

import ai.hokusai.runtime.onnx.OnnxTextEmbeddingRuntime;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The OpenAI-compatible embeddings: texts embedded by a text-embedding model through the very predict call (same
 * resolution, validation, model and metering), and the tokens they cost counted by the model's own tokenizer.
 */
@Service
public class EmbeddingService {

    private static final int PAGE = 500;
    /** Where the predict call points at a text ({@code /inputs/2/text}), and where the embeddings request has it. */
    private static final Pattern TEXT_POINTER = Pattern.compile("^/inputs/(\\d+)/text(.*)$");

    private final MeteredPredictionService metered;
    private final PredictionService predictions;
    private final ModelRegistry registry;

    public EmbeddingService(MeteredPredictionService metered, PredictionService predictions, ModelRegistry registry) {
        this.metered = metered;
        this.predictions = predictions;
        this.registry = registry;
    }

    /** One call's vectors, in input order, the tokens its texts cost, and the id of its usage record. */
    public record Embeddings(UUID inferenceLogId, RegisteredModel model, List<List<Double>> vectors, int tokens) {}

    /**
     * @param input      a text or a list of texts, as the request body held it
     * @param dimensions the length asked for the vectors, or null
     * @throws NotAnEmbeddingModelException when the model the caller may see embeds no text
     */
    public Embeddings embed(MeteredPredictionService.Call call, String modelRef, Object input, Integer dimensions) {
        MeteredPredictionService.Metered<PredictionService.Prediction> answer =
                metered.serve(call, modelRef, input, resolved -> {
                    requireEmbedding(modelRef, resolved);
                    if (dimensions != null) {
                        throw new DimensionsUnsupportedException(
                                resolved.model().id());
                    }
                    List<String> texts = texts(resolved.model(), input);
                    try {
                        return predictions.predictTexts(resolved, texts);
                    } catch (InvalidRequestException e) {
                        throw new InvalidRequestException(
                                e.code() == ai.hokusai.server.error.ErrorCode.INVALID_INPUT,
                                e.getMessage(),
                                e.violations().stream()
                                        .map(v -> new FieldViolation(inputPointer(v.pointer(), input), v.message()))
                                        .toList());
                    }
                });
        PredictionService.Prediction p = answer.served();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) p.predictions();
        List<List<Double>> vectors = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Double> vector = (List<Double>) row.get("embedding");
            vectors.add(vector);
        }
        return new Embeddings(answer.inferenceLogId(), p.model(), vectors, p.tokens());
    }

    /** The embedding models the caller may call, by public model number: its own account's and every public one. */
    public List<RegisteredModel> models(Caller caller) {
        List<RegisteredModel> models = new ArrayList<>();
        Integer after = null;
        while (true) {
            List<ResolvedModel> page = registry.listAfter(after, caller.isOperator() ? null : caller.accountId(), PAGE);
            page.stream()
                    .filter(EmbeddingService::embeds)
                    .map(ResolvedModel::model)
                    .forEach(models::add);
            if (page.size() < PAGE) {
                return models;
            }
            after = page.get(page.size() - 1).model().id();
        }
    }

    /**
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model the caller may see answers to the ref
     * @throws NotAnEmbeddingModelException                       when the model embeds no text
     */
    public RegisteredModel model(Caller caller, String modelRef) {
        ResolvedModel resolved = predictions.resolve(caller, modelRef);
        requireEmbedding(modelRef, resolved);
        return resolved.model();
    }

    /** A model whose live deployment runs the text-embedding runtime. */
    private static boolean embeds(ResolvedModel resolved) {
        return resolved.activeDeployment()
                .map(ModelDeployment::runtime)
                .filter(OnnxTextEmbeddingRuntime.ID::equals)
                .isPresent();
    }

    private static void requireEmbedding(String modelRef, ResolvedModel resolved) {
        if (!embeds(resolved)) {
            throw new NotAnEmbeddingModelException(modelRef);
        }
    }

    private static List<String> texts(RegisteredModel model, Object input) {
        if (input instanceof String text) {
            return List.of(text);
        }
        if (!(input instanceof List<?> list) || list.isEmpty()) {
            throw InvalidRequestException.envelope("/input", "must be a text or an array of 1 or more texts");
        }
        if (list.size() > model.maxBatchSize()) {
            throw new BatchTooLargeException(model.id(), list.size(), model.maxBatchSize(), "/input");
        }
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw InvalidRequestException.envelope("/input/" + i, "must be a text");
            }
            texts.add(text);
        }
        return texts;
    }

    /** {@code /inputs/2/text} of the predict call is {@code /input/2} of a batch, {@code /input} of one text. */
    private static String inputPointer(String pointer, Object input) {
        Matcher m = TEXT_POINTER.matcher(pointer);
        if (!m.matches()) {
            return pointer.replaceFirst("^/inputs", "/input");
        }
        return (input instanceof List<?> ? "/input/" + m.group(1) : "/input") + m.group(2);
    }
}
