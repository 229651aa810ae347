package ai.hokusai.sdk;

/**
 * The spec's operations as the facade calls them. Each names the scope the spec's {@code x-required-scope}
 * gives it, so a {@code 403 insufficient_scope} can say which scope was missing without reading the
 * human-oriented {@code detail}, and whether a replay is harmless, so retries stay where they are safe.
 * {@code OperationCoverageTest} holds this table to the spec.
 */
enum Operation {
    LIST_MODELS("listModels", "GET", "models:read"),
    CREATE_MODEL("createModel", "POST", "models:write"),
    GET_MODEL("getModel", "GET", "models:read"),
    UPDATE_MODEL("updateModel", "PATCH", "models:write"),
    GET_MODEL_INFO("getModelInfo", "GET", "models:read"),
    GET_MODEL_HEALTH("getModelHealth", "GET", "models:read"),
    GET_MODEL_USAGE("getModelUsage", "GET", "models:read"),
    PREDICT("predict", "POST", "predict"),
    LIST_MODEL_DEPLOYMENTS("listModelDeployments", "GET", "models:read"),
    CREATE_DEPLOYMENT("createDeployment", "POST", "models:write"),
    GET_DEPLOYMENT("getDeployment", "GET", "models:read"),
    ACTIVATE_DEPLOYMENT("activateDeployment", "POST", "models:write"),
    RETIRE_DEPLOYMENT("retireDeployment", "DELETE", "models:write"),
    CREATE_API_KEY("createApiKey", "POST", "admin"),
    LIST_API_KEYS("listApiKeys", "GET", "admin"),
    REVOKE_API_KEY("revokeApiKey", "DELETE", "admin"),
    GET_USAGE("getUsage", "GET", "predict"),
    REPORT_OUTCOME("reportOutcome", "POST", "predict"),
    GET_OWN_ACCOUNT("getOwnAccount", "GET", "models:read"),
    SET_HUGGING_FACE_CREDENTIAL("setHuggingFaceCredential", "PUT", "admin"),
    DELETE_HUGGING_FACE_CREDENTIAL("deleteHuggingFaceCredential", "DELETE", "admin"),
    CREATE_ACCOUNT("createAccount", "POST", "platform:admin"),
    GET_ACCOUNT("getAccount", "GET", "platform:admin"),
    LIST_AUDIT_EVENTS("listAuditEvents", "GET", "admin"),
    GET_LIVENESS("getLiveness", "GET", null),
    GET_READINESS("getReadiness", "GET", null),
    GET_OPEN_API_DOCUMENT("getOpenApiDocument", "GET", null),
    GET_API_INDEX("getApiIndex", "GET", null),
    GET_INFERENCE_SERVER_METADATA("getInferenceServerMetadata", "GET", null),
    GET_INFERENCE_SERVER_LIVE("getInferenceServerLive", "GET", null),
    GET_INFERENCE_SERVER_READY("getInferenceServerReady", "GET", null),
    GET_TENSOR_MODEL_METADATA("getTensorModelMetadata", "GET", "predict"),
    GET_TENSOR_MODEL_VERSION_METADATA("getTensorModelVersionMetadata", "GET", "predict"),
    GET_TENSOR_MODEL_READY("getTensorModelReady", "GET", "predict"),
    GET_TENSOR_MODEL_VERSION_READY("getTensorModelVersionReady", "GET", "predict"),
    INFER_TENSORS("inferTensors", "POST", "predict"),
    INFER_TENSORS_OF_VERSION("inferTensorsOfVersion", "POST", "predict"),
    CREATE_OPEN_AI_EMBEDDINGS("createOpenAiEmbeddings", "POST", "predict"),
    LIST_OPEN_AI_MODELS("listOpenAiModels", "GET", "predict"),
    GET_OPEN_AI_MODEL("getOpenAiModel", "GET", "predict");

    private final String operationId;
    private final String method;
    private final String requiredScope;

    Operation(String operationId, String method, String requiredScope) {
        this.operationId = operationId;
        this.method = method;
        this.requiredScope = requiredScope;
    }

    String operationId() {
        return operationId;
    }

    String method() {
        return method;
    }

    /** The scope a key needs for this operation, or null when it needs no key. */
    String requiredScope() {
        return requiredScope;
    }

    /**
     * Whether the spec gives the operation an {@code Idempotency-Key}: the server then answers a repeat with the
     * first answer, so every retry is safe. A POST without one (creating a key) may have run when the connection
     * dropped, so it is resent only after answers that say it did not run (429, 503).
     */
    boolean takesIdempotencyKey() {
        return this == PREDICT
                || this == REPORT_OUTCOME
                || this == INFER_TENSORS
                || this == INFER_TENSORS_OF_VERSION
                || this == CREATE_OPEN_AI_EMBEDDINGS;
    }

    /**
     * GET, DELETE (revoking a revoked key or removing a removed credential is a no-op; retiring a retired deployment
     * answers 404, never a second change), PUT (storing the same credential again replaces it with itself) and PATCH
     * (setting the same values again changes nothing) may be replayed, and so may activating a deployment (activating
     * the active one changes nothing); any other POST (creating a key or an account) only with an idempotency key.
     */
    boolean replayable() {
        return !"POST".equals(method) || takesIdempotencyKey() || this == ACTIVATE_DEPLOYMENT;
    }
}
