package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.service.MeteredPredictionService;
import ai.hokusai.server.service.PredictionService;
import ai.hokusai.server.web.api.PredictionsApi;
import ai.hokusai.server.web.model.PredictRequest;
import ai.hokusai.server.web.model.PredictResponse;
import ai.hokusai.server.web.model.PredictionMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PredictionsController implements PredictionsApi {

    private final MeteredPredictionService predictions;
    private final IdempotentCalls idempotent;
    private final HttpServletRequest request;
    private final String apiVersion;

    public PredictionsController(
            MeteredPredictionService predictions,
            IdempotentCalls idempotent,
            HttpServletRequest request,
            ApiSpecDocument spec) {
        this.predictions = predictions;
        this.idempotent = idempotent;
        this.request = request;
        this.apiVersion = spec.apiVersion();
    }

    @Override
    public ResponseEntity<PredictResponse> predict(
            String modelRef, PredictRequest predictRequest, String xRequestId, String idempotencyKey) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        String requestId = RequestLog.idOf(request);
        return idempotent.run(
                caller,
                idempotencyKey,
                "predict " + modelRef,
                predictRequest,
                HttpStatus.OK,
                PredictResponse.class,
                () -> {
                    MeteredPredictionService.MeteredPrediction metered = predictions.predict(
                            new MeteredPredictionService.Call(new Caller(caller, requestId), idempotencyKey),
                            modelRef,
                            predictRequest.getInputs());
                    return response(metered, requestId);
                });
    }

    private PredictResponse response(MeteredPredictionService.MeteredPrediction metered, String requestId) {
        PredictionService.Prediction p = metered.prediction();
        PredictionMetadata metadata =
                new PredictionMetadata(apiVersion, p.deployment().runtime(), p.batchSize(), p.latencyMs());
        metadata.setRequestId(requestId);
        return new PredictResponse(
                p.model().id(),
                p.deployment().id(),
                p.modelVersion(),
                p.predictions(),
                metadata,
                p.timestamp(),
                metered.inferenceLogId());
    }
}
