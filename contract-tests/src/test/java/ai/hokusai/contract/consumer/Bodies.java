package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_TIMESTAMP;
import static ai.hokusai.contract.consumer.Contract.TIMESTAMP_PATTERN;

import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The JSON shapes the SDK reads, as type matchers: a field's presence and type are the contract, its example value
 * is not. Values are fixed only where they are the point (an enum, a pattern).
 */
final class Bodies {

    static final String SLUG_PATTERN = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    /** The embedding model the OpenAI-compatible interactions name, and a text they embed. */
    static final String EMBEDDING_MODEL = "minilm-embed";

    static final String EMBEDDING_TEXT = "A short one.";
    static final String VISIBILITY_PATTERN = "public|private";
    /** The operator's account, {@code hokusai}: it owns model 21 and every key the key states issue. */
    static final String OPERATOR_ACCOUNT_ID = "0f6b1c3e-9a2d-4e7f-8b5c-000000000001";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {}

    /** A {@code Model} object inside {@code parent} (or the root when {@code parent} is a fresh body): model 21. */
    static PactDslJsonBody model(PactDslJsonBody body) {
        return registeredModel(body, null, null).uuid("active_deployment_id", DEPLOYMENT_21);
    }

    /**
     * A {@code Model} without a live deployment; {@code visibility} and {@code ownerAccountId}, when given, are the
     * point of the interaction and must be exactly these, else any visibility and any account.
     */
    static PactDslJsonBody registeredModel(PactDslJsonBody body, String visibility, String ownerAccountId) {
        body = body.integerType("id", 21)
                .stringMatcher("slug", SLUG_PATTERN, "lscor-v2")
                .stringType("name", "Sales Lead Scoring v2")
                .stringType("description", "Lead scoring for SaaS sales leads.")
                .eachLike("tags", PactDslJsonRootValue.stringType("Sales"), 1)
                .stringType("task", "tabular-classification")
                .integerType("max_batch_size", 100)
                .integerType("cache_ttl_seconds", 3600)
                .object("input_schema")
                .stringValue("type", "object")
                .closeObject()
                .asBody()
                .stringMatcher("created_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
        body = visibility == null
                ? body.stringMatcher("visibility", VISIBILITY_PATTERN, "public")
                : body.stringValue("visibility", visibility);
        return ownerAccountId == null
                ? body.uuid("owner_account_id", OPERATOR_ACCOUNT_ID)
                : body.stringValue("owner_account_id", ownerAccountId);
    }

    static PactDslJsonBody modelInfo() {
        return new PactDslJsonBody()
                .integerType("id", 21)
                .integerType("model_id", 21)
                .stringMatcher("slug", SLUG_PATTERN, "lscor-v2")
                .stringType("name", "Sales Lead Scoring v2")
                .stringType("task", "tabular-classification")
                .stringType("model_type", "tabular-classification")
                .object("storage", artifact())
                .object(
                        "artifact",
                        new PactDslJsonBody()
                                .stringMatcher("provider", "bundled|huggingface|filesystem", "bundled")
                                .booleanType("requires_token", false))
                .booleanType("available", true)
                .uuid("deployment_id", DEPLOYMENT_21)
                .stringType("model_version", "2.0.0")
                .integerType("max_batch_size", 100)
                .integerType("cache_ttl_seconds", 3600);
    }

    /** The health of a model whose artifact is loaded; {@code ready} is the point of a warm-up. */
    static PactDslJsonBody readyHealth() {
        return new PactDslJsonBody()
                .integerType("model_id", 21)
                .uuid("deployment_id", DEPLOYMENT_21)
                .stringValue("status", "ready")
                .booleanType("is_cached", true)
                .booleanType("inference_ready", true)
                .stringMatcher("loaded_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
    }

    static PactDslJsonBody artifact() {
        return new PactDslJsonBody()
                .stringMatcher("provider", "bundled|huggingface|filesystem", "bundled")
                .stringType("location", "classpath:models/lscor-v2")
                .booleanType("requires_token", false);
    }

    static PactDslJsonBody deployment(PactDslJsonBody body) {
        return body.uuid("id", DEPLOYMENT_21)
                .integerType("model_id", 21)
                .stringType("version", "2.0.0")
                .object("artifact", artifact())
                .stringType("runtime", "lscor-logistic")
                .stringMatcher("status", "active|inactive", "active")
                .stringMatcher("load_status", "pending|loading|ready|failed", "ready")
                .stringMatcher("created_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
    }

    /** A model to register: a sentence encoder's schemas; private, the SDK's default, unless it says otherwise. */
    static PactDslJsonBody modelRequest(String slug, PactDslJsonBody inputSchema) {
        return modelRequest(slug, inputSchema, "private");
    }

    static PactDslJsonBody modelRequest(String slug, PactDslJsonBody inputSchema, String visibility) {
        return new PactDslJsonBody()
                .stringValue("slug", slug)
                .stringValue("name", "MiniLM sentence embeddings")
                .stringValue("task", "feature-extraction")
                .object("input_schema", inputSchema)
                .object("output_schema", new PactDslJsonBody().stringValue("type", "object"))
                .numberValue("max_batch_size", 32)
                .numberValue("cache_ttl_seconds", 3600)
                .stringValue("visibility", visibility);
    }

    static PactDslJsonBody textInputSchema() {
        return new PactDslJsonBody()
                .stringValue("type", "object")
                .array("required")
                .stringValue("text")
                .closeArray()
                .asBody();
    }

    /** A deployment to create from {@code artifactUri}, not activated. */
    static PactDslJsonBody deploymentRequest(String version, String runtime, String artifactUri) {
        return new PactDslJsonBody()
                .stringValue("version", version)
                .stringValue("runtime", runtime)
                .stringValue("artifact_uri", artifactUri)
                .booleanValue("activate", false);
    }

    /** One {@code LeadScore}: the tier follows the score, so it is one of three words, not any string. */
    static PactDslJsonBody leadScore(PactDslJsonBody body) {
        return body.integerType("lead_score", 82)
                .decimalType("conversion_probability", 0.82)
                .stringMatcher("recommendation", "Hot|Warm|Cold", "Hot")
                .eachLike("factors", PactDslJsonRootValue.stringType("Demo requested"), 1)
                .decimalType("confidence", 0.64);
    }

    /** The envelope of a predict answer, around {@code predictions} that the caller adds; every call is metered. */
    static PactDslJsonBody predictEnvelope(PactDslJsonBody body, int batchSize) {
        return body.integerType("model_id", 21)
                .uuid("deployment_id", DEPLOYMENT_21)
                .stringType("model_version", "2.0.0")
                .object("metadata")
                .stringType("api_version", "1.0.0")
                .stringType("runtime", "lscor-logistic")
                .numberValue("batch_size", batchSize)
                .numberType("latency_ms", 0.4)
                .stringType("request_id", "req_3f9a1c")
                .closeObject()
                .asBody()
                .stringMatcher("timestamp", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP)
                .uuid("inference_log_id", "0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c");
    }

    /** A predict request body as the SDK sends it: {@code inputs}, and the empty {@code options} it always adds. */
    static PactDslJsonBody predictRequest(PactDslJsonBody withInputs) {
        return withInputs.object("options").closeObject().asBody();
    }

    /** An embeddings request as the Java SDK sends it: the model, one text and the default encoding, stated. */
    static PactDslJsonBody embeddingRequest() {
        return new PactDslJsonBody()
                .stringValue("model", EMBEDDING_MODEL)
                .stringValue("input", EMBEDDING_TEXT)
                .stringValue("encoding_format", "float");
    }

    static PactDslJsonBody oneLeadRequest() {
        return predictRequest(
                lead(new PactDslJsonBody().object("inputs")).closeObject().asBody());
    }

    /** A key request as the SDK sends it: a name and the scopes (the mode defaults to live on the server). */
    static PactDslJsonBody keyRequest() {
        return new PactDslJsonBody()
                .stringType("name", "CRM integration")
                .eachLike(
                        "scopes",
                        PactDslJsonRootValue.stringMatcher("predict|models:read|models:write|admin", "predict"),
                        1);
    }

    /** An {@code ApiKey} as listed: masked to its prefix, never its secret; of any account. */
    static PactDslJsonBody apiKey(PactDslJsonBody body) {
        return apiKey(body.uuid("account_id", OPERATOR_ACCOUNT_ID), null);
    }

    /** An {@code ApiKey} of exactly the account {@code accountId}. */
    static PactDslJsonBody apiKey(PactDslJsonBody body, String accountId) {
        if (accountId != null) {
            body = body.stringValue("account_id", accountId);
        }
        return body.uuid("id", "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
                .stringMatcher("prefix", "hk_(live|test)_[0-9A-Za-z]{8}", "hk_live_7Qm2xT9a")
                .stringType("name", "CRM integration")
                .eachLike(
                        "scopes",
                        PactDslJsonRootValue.stringMatcher("predict|models:read|models:write|admin", "predict"),
                        1)
                .integerType("rate_limit_per_hour", 1000)
                .stringMatcher("created_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
    }

    /** An {@code Account}: the point is its id and slug, not the example's values. */
    static PactDslJsonBody account(PactDslJsonBody body) {
        return body.uuid("id", OPERATOR_ACCOUNT_ID)
                .stringMatcher("slug", SLUG_PATTERN, "hokusai")
                .stringType("name", "Hokusai")
                .stringMatcher("created_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
    }

    /** An account to create, as the SDK sends it. */
    static PactDslJsonBody accountRequest(String slug, int rateLimitPerHour) {
        return new PactDslJsonBody()
                .stringValue("slug", slug)
                .stringValue("name", "Acme Analytics")
                .numberValue("rate_limit_per_hour", rateLimitPerHour);
    }

    /** A Hugging Face token to store. */
    static PactDslJsonBody hubTokenRequest(String token) {
        return new PactDslJsonBody().stringValue("token", token);
    }

    /** A stored credential: whose it is and when it was stored; never the token. */
    static PactDslJsonBody credential() {
        return new PactDslJsonBody()
                .stringValue("provider", "huggingface")
                .stringMatcher("updated_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP);
    }

    /** One {@code AuditEvent}; the operation and object type are the caller's to fix. */
    static PactDslJsonBody auditEvent(PactDslJsonBody body, String operation, String objectType) {
        return body.uuid("id", "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
                .stringMatcher("occurred_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP)
                .uuid("account_id", OPERATOR_ACCOUNT_ID)
                .stringValue("operation", operation)
                .stringValue("object_type", objectType)
                .stringType("object_id", "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
                .object("changes")
                .stringType("name", "contract test key")
                .closeObject()
                .asBody();
    }

    /** One day of one calling account's calls of a model. */
    static PactDslJsonBody modelUsageRow() {
        return new PactDslJsonBody()
                .stringMatcher("date", DATE_PATTERN, "2026-11-27")
                .uuid("account_id", OPERATOR_ACCOUNT_ID)
                .integerType("requests", 40)
                .integerType("failed_requests", 2)
                .integerType("predictions", 52)
                .integerType("tokens", 0)
                .decimalType("latency_ms_mean", 0.6)
                .decimalType("latency_ms_p95", 1.4);
    }

    static final String DATE_PATTERN = "\\d{4}-\\d{2}-\\d{2}";

    /** An outcome report for the prediction {@code inferenceLogId}. */
    static PactDslJsonBody outcomeRequest(String inferenceLogId) {
        return new PactDslJsonBody()
                .uuid("inference_log_id", inferenceLogId)
                .numberType("outcome_score", 1.0)
                .stringType("outcome_type", "conversion");
    }

    /**
     * One lead as the SDK's {@code LeadScoringInput} serialises the spec's example: every field, each of the JSON type
     * the SDK sends it as, with the example's value.
     */
    static PactDslJsonBody lead(PactDslJsonBody body) {
        Map<String, Object> sent = JSON.convertValue(Contract.lead(), new TypeReference<Map<String, Object>>() {});
        sent.forEach((name, value) -> {
            if (value instanceof Integer || value instanceof Long) {
                body.integerType(name, ((Number) value).longValue());
            } else if (value instanceof Number) {
                body.numberType(name, (Number) value);
            } else if (value instanceof Boolean) {
                body.booleanType(name, (Boolean) value);
            } else if (value instanceof String) {
                body.stringType(name, (String) value);
            } else {
                throw new IllegalStateException("no type matcher for the lead's field " + name + " = " + value);
            }
        });
        return body;
    }
}
