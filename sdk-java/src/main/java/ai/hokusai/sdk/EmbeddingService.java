package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.OpenAiApi;
import ai.hokusai.sdk.model.OpenAiEmbeddingList;
import ai.hokusai.sdk.model.OpenAiEmbeddingRequest;
import ai.hokusai.sdk.model.OpenAiModel;
import ai.hokusai.sdk.model.OpenAiModelList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Embeddings through the OpenAI-compatible routes ({@code /api/openai/v1}): the same vectors as a predict call on an
 * embedding model, with the tokens they cost. Every call is metered once and carries an {@code Idempotency-Key}, so a
 * retry after a lost answer is not billed twice. Errors arrive as the same exceptions as everywhere in this SDK.
 */
public final class EmbeddingService {

    private final WithRawResponse raw;

    EmbeddingService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** Embeds one text with the embedding model named by its number or slug. */
    public OpenAiEmbeddingList create(String model, String text) {
        return raw.create(model, text).getValue();
    }

    /** Embeds 1 to the model's {@code max_batch_size} texts; the answer holds one embedding per text, in order. */
    public OpenAiEmbeddingList create(String model, List<String> texts) {
        return raw.create(model, texts).getValue();
    }

    public OpenAiEmbeddingList create(OpenAiEmbeddingRequest request) {
        return raw.create(request).getValue();
    }

    public OpenAiEmbeddingList create(OpenAiEmbeddingRequest request, RequestOptions options) {
        return raw.create(request, options).getValue();
    }

    /** The embedding models the key may call. */
    public OpenAiModelList listModels() {
        return raw.listModels().getValue();
    }

    public OpenAiModelList listModels(RequestOptions options) {
        return raw.listModels(options).getValue();
    }

    /** One embedding model the key may call, by its number or slug. */
    public OpenAiModel getModel(String model) {
        return raw.getModel(model).getValue();
    }

    public OpenAiModel getModel(String model, RequestOptions options) {
        return raw.getModel(model, options).getValue();
    }

    /**
     * The numbers of one embedding as the answer holds them: an array of numbers ({@code encoding_format: float}) or
     * a base64 string of little-endian float32 values ({@code base64}).
     */
    public static List<Double> vector(Object embedding) {
        if (embedding instanceof String) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode((String) embedding))
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<Double> vector = new ArrayList<>(bytes.remaining() / Float.BYTES);
            while (bytes.remaining() >= Float.BYTES) {
                vector.add((double) bytes.getFloat());
            }
            return vector;
        }
        if (embedding instanceof List<?>) {
            List<Double> vector = new ArrayList<>();
            for (Object value : (List<?>) embedding) {
                vector.add(((Number) value).doubleValue());
            }
            return vector;
        }
        throw new IllegalArgumentException("not an embedding: " + embedding);
    }

    /** {@link EmbeddingService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<OpenAiEmbeddingList> create(String model, String text) {
            return create(new OpenAiEmbeddingRequest().model(model).input(text));
        }

        public RawResponse<OpenAiEmbeddingList> create(String model, List<String> texts) {
            return create(new OpenAiEmbeddingRequest().model(model).input(List.copyOf(texts)));
        }

        public RawResponse<OpenAiEmbeddingList> create(OpenAiEmbeddingRequest request) {
            return create(request, RequestOptions.none());
        }

        public RawResponse<OpenAiEmbeddingList> create(OpenAiEmbeddingRequest request, RequestOptions options) {
            Objects.requireNonNull(request, "request");
            return transport.send(
                    Operation.CREATE_OPEN_AI_EMBEDDINGS,
                    options,
                    (client, headers, requestId) -> new OpenAiApi(client)
                            .createOpenAiEmbeddingsWithHttpInfo(request, requestId, null, headers));
        }

        public RawResponse<OpenAiModelList> listModels() {
            return listModels(RequestOptions.none());
        }

        public RawResponse<OpenAiModelList> listModels(RequestOptions options) {
            return transport.send(
                    Operation.LIST_OPEN_AI_MODELS,
                    options,
                    (client, headers, requestId) ->
                            new OpenAiApi(client).listOpenAiModelsWithHttpInfo(requestId, headers));
        }

        public RawResponse<OpenAiModel> getModel(String model) {
            return getModel(model, RequestOptions.none());
        }

        public RawResponse<OpenAiModel> getModel(String model, RequestOptions options) {
            Objects.requireNonNull(model, "model");
            return transport.send(
                    Operation.GET_OPEN_AI_MODEL,
                    options,
                    (client, headers, requestId) ->
                            new OpenAiApi(client).getOpenAiModelWithHttpInfo(model, requestId, headers));
        }
    }
}
