package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.service.MeteredPredictionService;
import ai.hokusai.server.service.TensorInferenceService;
import ai.hokusai.server.service.TensorInferenceService.NamedTensor;
import ai.hokusai.server.service.TensorInferenceService.TensorSpec;
import ai.hokusai.server.web.api.InferenceApi;
import ai.hokusai.server.web.model.InferenceRequest;
import ai.hokusai.server.web.model.InferenceRequestOutput;
import ai.hokusai.server.web.model.InferenceResponse;
import ai.hokusai.server.web.model.InferenceResponseOutput;
import ai.hokusai.server.web.model.InferenceServerLive;
import ai.hokusai.server.web.model.InferenceServerMetadata;
import ai.hokusai.server.web.model.InferenceServerReady;
import ai.hokusai.server.web.model.TensorDatatype;
import ai.hokusai.server.web.model.TensorMetadata;
import ai.hokusai.server.web.model.TensorModelMetadata;
import ai.hokusai.server.web.model.TensorModelReady;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** The Open Inference Protocol's REST routes (KServe v2): every model as named tensors. */
@RestController
public class InferenceController implements InferenceApi {

    /** The server's name in the protocol's server metadata. */
    static final String SERVER_NAME = "hokusai";

    private final TensorInferenceService inference;
    private final IdempotentCalls idempotent;
    private final SystemController system;
    private final HttpServletRequest request;
    private final InferenceServerMetadata serverMetadata;

    public InferenceController(
            TensorInferenceService inference,
            IdempotentCalls idempotent,
            SystemController system,
            HttpServletRequest request,
            ApiSpecDocument spec) {
        this.inference = inference;
        this.idempotent = idempotent;
        this.system = system;
        this.request = request;
        // The contract's version, as GET / answers it; no protocol extension is supported.
        this.serverMetadata = new InferenceServerMetadata(SERVER_NAME, spec.apiVersion(), List.of());
    }

    @Override
    public ResponseEntity<InferenceServerMetadata> getInferenceServerMetadata() {
        return ResponseEntity.ok(serverMetadata);
    }

    @Override
    public ResponseEntity<InferenceServerLive> getInferenceServerLive() {
        return ResponseEntity.ok(new InferenceServerLive(true));
    }

    /** Ready exactly when {@code GET /health/ready} says so. */
    @Override
    public ResponseEntity<InferenceServerReady> getInferenceServerReady() {
        boolean ready = system.getReadiness().getStatusCode().is2xxSuccessful();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new InferenceServerReady(ready));
    }

    @Override
    public ResponseEntity<TensorModelMetadata> getTensorModelMetadata(String modelName, String xRequestId) {
        return ResponseEntity.ok(metadata(modelName, null));
    }

    @Override
    public ResponseEntity<TensorModelMetadata> getTensorModelVersionMetadata(
            String modelName, String modelVersion, String xRequestId) {
        return ResponseEntity.ok(metadata(modelName, modelVersion));
    }

    @Override
    public ResponseEntity<TensorModelReady> getTensorModelReady(String modelName, String xRequestId) {
        return ResponseEntity.ok(ready(modelName, null));
    }

    @Override
    public ResponseEntity<TensorModelReady> getTensorModelVersionReady(
            String modelName, String modelVersion, String xRequestId) {
        return ResponseEntity.ok(ready(modelName, modelVersion));
    }

    @Override
    public ResponseEntity<InferenceResponse> inferTensors(
            String modelName, InferenceRequest inferenceRequest, String xRequestId, String idempotencyKey) {
        return infer(modelName, null, inferenceRequest, idempotencyKey);
    }

    @Override
    public ResponseEntity<InferenceResponse> inferTensorsOfVersion(
            String modelName,
            String modelVersion,
            InferenceRequest inferenceRequest,
            String xRequestId,
            String idempotencyKey) {
        return infer(modelName, modelVersion, inferenceRequest, idempotencyKey);
    }

    private TensorModelMetadata metadata(String modelName, @Nullable String version) {
        TensorInferenceService.ModelTensors tensors =
                inference.metadata(ApiKeyFilter.caller(request), modelName, version);
        return new TensorModelMetadata(
                        tensors.name(),
                        tensors.platform(),
                        tensors.inputs().stream()
                                .map(InferenceController::metadata)
                                .toList(),
                        tensors.outputs().stream()
                                .map(InferenceController::metadata)
                                .toList())
                .versions(tensors.versions());
    }

    private TensorModelReady ready(String modelName, @Nullable String version) {
        TensorInferenceService.Readiness readiness = inference.ready(ApiKeyFilter.caller(request), modelName, version);
        return new TensorModelReady(readiness.name(), readiness.ready());
    }

    private ResponseEntity<InferenceResponse> infer(
            String modelName, @Nullable String version, InferenceRequest body, @Nullable String idempotencyKey) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        String requestId = RequestLog.idOf(request);
        List<NamedTensor> inputs = body.getInputs().stream()
                .map(t -> new NamedTensor(t.getName(), t.getDatatype().getValue(), t.getShape(), t.getData()))
                .toList();
        List<String> outputs = body.getOutputs() == null
                ? List.of()
                : body.getOutputs().stream()
                        .map(InferenceRequestOutput::getName)
                        .toList();
        return idempotent.run(
                caller,
                idempotencyKey,
                "infer " + modelName + (version == null ? "" : "/versions/" + version),
                body,
                HttpStatus.OK,
                InferenceResponse.class,
                () -> {
                    TensorInferenceService.Inference answer = inference.infer(
                            new MeteredPredictionService.Call(new Caller(caller, requestId), idempotencyKey),
                            modelName,
                            version,
                            new TensorInferenceService.TensorCall(inputs, outputs));
                    List<InferenceResponseOutput> tensors = new ArrayList<>();
                    for (NamedTensor t : answer.outputs()) {
                        tensors.add(new InferenceResponseOutput(
                                        t.name(),
                                        t.shape(),
                                        TensorDatatype.fromValue(t.datatype()),
                                        List.copyOf(t.data()))
                                .parameters(null));
                    }
                    return new InferenceResponse(answer.modelName(), tensors)
                            .modelVersion(answer.modelVersion())
                            .id(body.getId())
                            .parameters(null);
                });
    }

    private static TensorMetadata metadata(TensorSpec spec) {
        return new TensorMetadata(spec.name(), TensorDatatype.fromValue(spec.datatype()), spec.shape());
    }
}
