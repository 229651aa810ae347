package ai.hokusai.server.web;

import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.service.EmbeddingService;
import ai.hokusai.server.service.MeteredPredictionService;
import ai.hokusai.server.web.api.OpenAiApi;
import ai.hokusai.server.web.model.OpenAiEmbedding;
import ai.hokusai.server.web.model.OpenAiEmbeddingList;
import ai.hokusai.server.web.model.OpenAiEmbeddingRequest;
import ai.hokusai.server.web.model.OpenAiEmbeddingUsage;
import ai.hokusai.server.web.model.OpenAiModel;
import ai.hokusai.server.web.model.OpenAiModelList;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI-compatible routes: embeddings and the embedding models, in the shapes OpenAI's clients read. */
@RestController
public class OpenAiController implements OpenAiApi {

    private final EmbeddingService embeddings;
    private final IdempotentCalls idempotent;
    private final HttpServletRequest request;

    public OpenAiController(EmbeddingService embeddings, IdempotentCalls idempotent, HttpServletRequest request) {
        this.embeddings = embeddings;
        this.idempotent = idempotent;
        this.request = request;
    }

    @Override
    public ResponseEntity<OpenAiEmbeddingList> createOpenAiEmbeddings(
            OpenAiEmbeddingRequest body, String xRequestId, String idempotencyKey) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        String requestId = RequestLog.idOf(request);
        return idempotent.run(
                caller,
                idempotencyKey,
                "createOpenAiEmbeddings",
                body,
                HttpStatus.OK,
                OpenAiEmbeddingList.class,
                () -> {
                    EmbeddingService.Embeddings answer = embeddings.embed(
                            new MeteredPredictionService.Call(new Caller(caller, requestId), idempotencyKey),
                            body.getModel(),
                            body.getInput(),
                            body.getDimensions());
                    boolean base64 = body.getEncodingFormat() == OpenAiEmbeddingRequest.EncodingFormatEnum.BASE64;
                    List<OpenAiEmbedding> data =
                            new ArrayList<>(answer.vectors().size());
                    for (int i = 0; i < answer.vectors().size(); i++) {
                        List<Double> vector = answer.vectors().get(i);
                        data.add(new OpenAiEmbedding(
                                OpenAiEmbedding.ObjectEnum.EMBEDDING, i, base64 ? base64(vector) : vector));
                    }
                    return new OpenAiEmbeddingList(
                            OpenAiEmbeddingList.ObjectEnum.LIST,
                            data,
                            answer.model().slug(),
                            new OpenAiEmbeddingUsage(answer.tokens(), answer.tokens()));
                });
    }

    @Override
    public ResponseEntity<OpenAiModelList> listOpenAiModels(String xRequestId) {
        List<OpenAiModel> models = embeddings.models(caller()).stream()
                .map(OpenAiController::model)
                .toList();
        return ResponseEntity.ok(new OpenAiModelList(OpenAiModelList.ObjectEnum.LIST, models));
    }

    @Override
    public ResponseEntity<OpenAiModel> getOpenAiModel(String model, String xRequestId) {
        return ResponseEntity.ok(model(embeddings.model(caller(), model)));
    }

    private Caller caller() {
        return new Caller(ApiKeyFilter.principal(request), RequestLog.idOf(request));
    }

    private static OpenAiModel model(RegisteredModel model) {
        return new OpenAiModel(
                model.slug(),
                OpenAiModel.ObjectEnum.MODEL,
                model.createdAt().toEpochSecond(),
                model.ownerAccountId().toString());
    }

    /** The vector as OpenAI's clients decode {@code base64}: little-endian float32, base64-encoded. */
    static String base64(List<Double> vector) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * vector.size()).order(ByteOrder.LITTLE_ENDIAN);
        vector.forEach(value -> bytes.putFloat(value.floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
