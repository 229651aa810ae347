package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.service.PredictionService;
import ai.hokusai.server.web.api.PredictionsApi;
import ai.hokusai.server.web.model.PredictRequest;
import ai.hokusai.server.web.model.PredictResponse;
import ai.hokusai.server.web.model.PredictionMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PredictionsController implements PredictionsApi {

    private final PredictionService predictions;
    private final HttpServletRequest request;
    private final String apiVersion;

    public PredictionsController(PredictionService predictions, HttpServletRequest request, ApiSpecDocument spec) {
        this.predictions = predictions;
        this.request = request;
        this.apiVersion = spec.apiVersion();
    }

    @Override
    public ResponseEntity<PredictResponse> predict(String modelRef, PredictRequest predictRequest, String xRequestId) {
        PredictionService.Prediction p = predictions.predict(modelRef, predictRequest.getInputs());
        PredictionMetadata metadata = new PredictionMetadata(apiVersion, p.deployment().runtime(), p.batchSize(),
                p.latencyMs());
        metadata.setRequestId(RequestIds.of(request));
        PredictResponse response = new PredictResponse(p.model().id(), p.deployment().id(), p.modelVersion(),
                p.predictions(), metadata, p.timestamp());
        return ResponseEntity.ok(response);
    }
}
