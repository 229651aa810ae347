package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Request samples for the reference ({@code x-codeSamples}), made at build time from the spec's own request
 * examples: the production base URL from {@code servers[0]}, the operation's path and method, the examples of its
 * path and query parameters and the first example of its request body. They go into the copy of the spec the
 * reference page embeds, never into {@code openapi.yaml}, so they follow the contract and cannot rot.
 */
final class CodeSamples {

    /** Model 21's lead as named tensors, as the Java samples of both infer routes build it. */
    private static final String LEAD_TENSORS = "new InferenceRequest().id(\"lead-4711\")\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"company_size\").datatype(TensorDatatype.INT64)\n"
            + "                .shape(List.of(1L)).data(List.of(1000)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"industry\").datatype(TensorDatatype.BYTES)\n"
            + "                .shape(List.of(1L)).data(List.of(\"Technology\")))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"engagement_score\").datatype(TensorDatatype.FP64)\n"
            + "                .shape(List.of(1L)).data(List.of(75.0)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"website_visits\").datatype(TensorDatatype.INT64)\n"
            + "                .shape(List.of(1L)).data(List.of(10)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"email_opens\").datatype(TensorDatatype.INT64)\n"
            + "                .shape(List.of(1L)).data(List.of(5)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"content_downloads\").datatype(TensorDatatype.INT64)\n"
            + "                .shape(List.of(1L)).data(List.of(3)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"demo_requested\").datatype(TensorDatatype.BOOL)\n"
            + "                .shape(List.of(1L)).data(List.of(true)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"budget_confirmed\").datatype(TensorDatatype.BOOL)\n"
            + "                .shape(List.of(1L)).data(List.of(false)))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"decision_timeline\").datatype(TensorDatatype.BYTES)\n"
            + "                .shape(List.of(1L)).data(List.of(\"Q2 2025\")))\n"
            + "        .addInputsItem(new InferenceRequestInput().name(\"title\").datatype(TensorDatatype.BYTES)\n"
            + "                .shape(List.of(1L)).data(List.of(\"VP of Engineering\")))\n"
            + "        .addOutputsItem(new InferenceRequestOutput().name(\"lead_score\"))\n"
            + "        .addOutputsItem(new InferenceRequestOutput().name(\"recommendation\")))";

    /**
     * The SDK facade call per operation; {@code {name}} is the example of that parameter. Mirrors the facade table
     * of {@code sdk-java}'s {@code OperationCoverageTest}; an operation without a row stops the build.
     */
    static final Map<String, String> SDK_CALLS = Map.ofEntries(
            Map.entry("listModels", "client.models().list()"),
            Map.entry("getModel", "client.models().get(\"{modelRef}\")"),
            Map.entry(
                    "createModel",
                    "client.models().create(new ModelCreateRequest()\n"
                            + "        .slug(\"minilm-embed\").name(\"MiniLM sentence embeddings\").task(\"feature-extraction\")\n"
                            + "        .inputSchema(Map.of(\"type\", \"object\", \"required\", List.of(\"text\")))\n"
                            + "        .outputSchema(Map.of(\"type\", \"object\")).maxBatchSize(32))"),
            Map.entry(
                    "updateModel",
                    "client.models().update(\"{modelRef}\", ModelUpdateParams.builder()\n"
                            + "        .maxBatchSize(100).cacheTtlSeconds(3600).build())"),
            Map.entry("getModelInfo", "client.models().info(\"{modelRef}\")"),
            Map.entry("getModelHealth", "client.models().warmUp(\"{modelRef}\")"),
            Map.entry(
                    "getModelUsage",
                    "client.models().usage(\"{modelRef}\", ModelUsageParams.builder()\n"
                            + "        .from(LocalDate.parse(\"{from}\")).to(LocalDate.parse(\"{to}\")).build())"),
            Map.entry(
                    "predict",
                    "client.predictions().create(\"{modelRef}\", new LeadScoringInput()\n"
                            + "        .companySize(1000).industry(\"Technology\").engagementScore(75.0)\n"
                            + "        .websiteVisits(10).emailOpens(5).contentDownloads(3)\n"
                            + "        .demoRequested(true).budgetConfirmed(false)\n"
                            + "        .decisionTimeline(\"Q2 2025\").title(\"VP of Engineering\"))"),
            Map.entry("listModelDeployments", "client.deployments().list(\"{modelRef}\")"),
            Map.entry("getDeployment", "client.deployments().get(UUID.fromString(\"{deploymentId}\"))"),
            Map.entry(
                    "createDeployment",
                    "client.deployments().create(\"{modelRef}\", new DeploymentCreateRequest()\n"
                            + "        .version(\"1.0.0\").runtime(\"onnx-text-embedding\")\n"
                            + "        .artifactUri(\"hf://hokusai/minilm-embed@main\").activate(true))"),
            Map.entry("activateDeployment", "client.deployments().activate(UUID.fromString(\"{deploymentId}\"))"),
            Map.entry("retireDeployment", "client.deployments().retire(UUID.fromString(\"{deploymentId}\"))"),
            Map.entry(
                    "createApiKey",
                    "client.apiKeys().create(ApiKeyCreateParams.builder()\n"
                            + "        .name(\"CRM integration\").scopes(ApiKeyScope.PREDICT, ApiKeyScope.MODELS_READ)\n"
                            + "        .rateLimitPerMinute(60).rateLimitPerHour(1000).build())"),
            Map.entry("listApiKeys", "client.apiKeys().list()"),
            Map.entry("revokeApiKey", "client.apiKeys().revoke(UUID.fromString(\"{keyId}\"))"),
            Map.entry("getUsage", "client.usage().retrieve()"),
            Map.entry("getOwnAccount", "client.accounts().retrieve()"),
            Map.entry(
                    "setHuggingFaceCredential",
                    "client.accounts().setHuggingFaceToken(\"hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345\")"),
            Map.entry("deleteHuggingFaceCredential", "client.accounts().deleteHuggingFaceToken()"),
            Map.entry(
                    "createAccount",
                    "client.accounts().create(AccountCreateParams.builder()\n"
                            + "        .slug(\"acme-analytics\").name(\"Acme Analytics\").rateLimitPerHour(50000).build())"),
            Map.entry("getAccount", "client.accounts().retrieve(UUID.fromString(\"{accountId}\"))"),
            Map.entry(
                    "listAuditEvents",
                    "client.auditEvents().list(AuditEventListParams.builder()\n"
                            + "        .objectType(AuditObjectType.MODEL).objectId(\"{object_id}\").build())"),
            Map.entry(
                    "reportOutcome",
                    "client.outcomes().report(UUID.fromString(\"0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c\"), 1.0, \"conversion\")"),
            Map.entry("getLiveness", "client.system().liveness()"),
            Map.entry("getReadiness", "client.system().readiness()"),
            Map.entry("getOpenApiDocument", "client.system().openApiDocument()"),
            Map.entry("getApiIndex", "client.system().index()"),
            Map.entry("getInferenceServerMetadata", "client.inference().serverMetadata()"),
            Map.entry("getInferenceServerLive", "client.inference().live()"),
            Map.entry("getInferenceServerReady", "client.inference().ready()"),
            Map.entry("getTensorModelMetadata", "client.inference().metadata(\"{model_name}\")"),
            Map.entry(
                    "getTensorModelVersionMetadata",
                    "client.inference().metadata(\"{model_name}\", \"{model_version}\")"),
            Map.entry("getTensorModelReady", "client.inference().modelReady(\"{model_name}\")"),
            Map.entry(
                    "getTensorModelVersionReady",
                    "client.inference().modelReady(\"{model_name}\", \"{model_version}\")"),
            Map.entry("inferTensors", "client.inference().infer(\"{model_name}\", " + LEAD_TENSORS),
            Map.entry(
                    "inferTensorsOfVersion",
                    "client.inference().infer(\"{model_name}\", \"{model_version}\", " + LEAD_TENSORS),
            Map.entry(
                    "createOpenAiEmbeddings",
                    "client.embeddings().create(\"minilm-embed\", \"The VP of Engineering requested a demo.\")"),
            Map.entry("listOpenAiModels", "client.embeddings().listModels()"),
            Map.entry("getOpenAiModel", "client.embeddings().getModel(\"{model}\")"));

    /**
     * The types the SDK calls above name, by simple name. The contract tests
     * compile every Java sample against the SDK, so an import that is wrong or missing stops the build.
     */
    private static final Map<String, String> IMPORTS = Map.ofEntries(
            Map.entry("AccountCreateParams", "ai.hokusai.sdk.AccountCreateParams"),
            Map.entry("ApiKeyCreateParams", "ai.hokusai.sdk.ApiKeyCreateParams"),
            Map.entry("AuditEventListParams", "ai.hokusai.sdk.AuditEventListParams"),
            Map.entry("HokusaiClient", "ai.hokusai.sdk.HokusaiClient"),
            Map.entry("ModelUpdateParams", "ai.hokusai.sdk.ModelUpdateParams"),
            Map.entry("ModelUsageParams", "ai.hokusai.sdk.ModelUsageParams"),
            Map.entry("AuditObjectType", "ai.hokusai.sdk.model.AuditObjectType"),
            Map.entry("ApiKeyScope", "ai.hokusai.sdk.model.ApiKeyScope"),
            Map.entry("DeploymentCreateRequest", "ai.hokusai.sdk.model.DeploymentCreateRequest"),
            Map.entry("InferenceRequest", "ai.hokusai.sdk.model.InferenceRequest"),
            Map.entry("InferenceRequestInput", "ai.hokusai.sdk.model.InferenceRequestInput"),
            Map.entry("InferenceRequestOutput", "ai.hokusai.sdk.model.InferenceRequestOutput"),
            Map.entry("TensorDatatype", "ai.hokusai.sdk.model.TensorDatatype"),
            Map.entry("LeadScoringInput", "ai.hokusai.sdk.model.LeadScoringInput"),
            Map.entry("ModelCreateRequest", "ai.hokusai.sdk.model.ModelCreateRequest"),
            Map.entry("LocalDate", "java.time.LocalDate"),
            Map.entry("List", "java.util.List"),
            Map.entry("Map", "java.util.Map"),
            Map.entry("UUID", "java.util.UUID"));

    /** One operation's request as its examples give it. */
    record Request(String method, String url, JsonNode body, boolean needsKey) {}

    private final Spec spec;

    CodeSamples(Spec spec) {
        this.spec = spec;
    }

    /** A deep copy of the spec with {@code x-codeSamples} (curl, Java SDK, then TypeScript SDK) on every operation. */
    JsonNode withSamples() {
        ObjectNode copy = spec.root().deepCopy();
        for (Spec.Operation op : spec.operations()) {
            ObjectNode node = (ObjectNode)
                    copy.path("paths").path(op.path()).path(op.method().toLowerCase(Locale.ROOT));
            ArrayNode samples = node.putArray("x-codeSamples");
            samples.addObject().put("lang", "Shell").put("label", "curl").put("source", curl(op));
            samples.addObject().put("lang", "Java").put("label", "Java SDK").put("source", java(op));
            samples.addObject()
                    .put("lang", "TypeScript")
                    .put("label", "TypeScript SDK")
                    .put("source", typeScript(op));
        }
        return copy;
    }

    Request request(Spec.Operation op) {
        String path = op.path();
        List<String> query = new ArrayList<>();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = spec.resolve(p);
            String in = param.path("in").asText();
            JsonNode example = example(param);
            if ("path".equals(in)) {
                if (example == null)
                    throw new SiteException(
                            op.id() + ": path parameter " + param.path("name").asText() + " has no example");
                path = path.replace("{" + param.path("name").asText() + "}", example.asText());
            } else if ("query".equals(in)
                    && example != null
                    && param.path("schema").has("default")
                    && isNotDefault(param, example)) {
                query.add(param.path("name").asText() + "=" + example.asText());
            }
        }
        if (path.contains("{")) throw new SiteException(op.id() + ": path parameters without examples in " + path);
        String url = spec.baseUrl() + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        boolean needsKey =
                !(op.node().has("security") && op.node().get("security").isEmpty());
        return new Request(op.method(), url, requestBody(op), needsKey);
    }

    private boolean answersContent(Spec.Operation op) {
        var responses = op.node().path("responses").fields();
        while (responses.hasNext()) {
            var response = responses.next();
            if (response.getKey().startsWith("2")
                    && spec.resolve(response.getValue()).has("content")) return true;
        }
        return false;
    }

    /** Query options appear when their example sets them to something else than their default (not opaque cursors). */
    private static boolean isNotDefault(JsonNode param, JsonNode example) {
        return !param.path("schema").path("default").equals(example);
    }

    private JsonNode example(JsonNode param) {
        if (param.has("example")) return param.get("example");
        if (param.path("schema").has("example")) return param.path("schema").get("example");
        return null;
    }

    /** The first example of the JSON request body; without one, the examples of the schema's properties. */
    private JsonNode requestBody(Spec.Operation op) {
        JsonNode content =
                spec.resolve(op.node().path("requestBody")).path("content").path("application/json");
        if (content.isMissingNode()) return null;
        if (content.has("example")) return content.get("example");
        Iterator<JsonNode> examples = content.path("examples").elements();
        if (examples.hasNext()) return spec.resolve(examples.next()).path("value");
        JsonNode schema = spec.resolve(content.path("schema"));
        if (schema.has("example")) return schema.get("example");
        ObjectNode body = Json.MAPPER.createObjectNode();
        schema.path("properties").fields().forEachRemaining(e -> {
            JsonNode example = spec.resolve(e.getValue()).get("example");
            if (example != null) body.set(e.getKey(), example);
        });
        for (JsonNode required : schema.path("required")) {
            if (!body.has(required.asText()))
                throw new SiteException(op.id() + ": no example for required body field " + required.asText());
        }
        return body;
    }

    String curl(Spec.Operation op) {
        Request r = request(op);
        StringBuilder out = new StringBuilder("curl");
        if (!"GET".equals(r.method())) out.append(" -X ").append(r.method());
        out.append(" ").append(r.url().contains("?") ? "'" + r.url() + "'" : r.url());
        if (r.needsKey()) out.append(" \\\n  -H \"Authorization: Bearer $HOKUSAI_API_KEY\"");
        if (r.body() != null) {
            String json = Json.pretty(r.body());
            if (json.contains("'")) throw new SiteException(op.id() + ": request example contains a single quote");
            out.append(" \\\n  -H \"Content-Type: application/json\" \\\n  -d '")
                    .append(json)
                    .append("'");
        }
        return out.toString();
    }

    String java(Spec.Operation op) {
        String call = SDK_CALLS.get(op.id());
        if (call == null)
            throw new SiteException(
                    "no Java SDK sample for operation " + op.id() + " (add it to CodeSamples.SDK_CALLS)");
        call = withParameterExamples(op, call);
        // The client always carries a key (its builder requires one), even for the calls that need none.
        String key = "        .apiKey(System.getenv(\"HOKUSAI_API_KEY\"))\n";
        // A call whose answer has no body (204) returns nothing to keep.
        String statement = answersContent(op) ? "var result = " + call : call;
        String body = "HokusaiClient client = HokusaiClient.builder()\n" + key + "        .baseUrl(\"" + spec.baseUrl()
                + "\")\n        .build();\n\n" + statement + ";\n";
        return imports(body) + "\n" + body;
    }

    String typeScript(Spec.Operation op) {
        String call = TypeScriptSamples.SDK_CALLS.get(op.id());
        if (call == null)
            throw new SiteException(
                    "no TypeScript SDK sample for operation " + op.id() + " (add it to TypeScriptSamples.SDK_CALLS)");
        return TypeScriptSamples.sample(
                op.id(),
                spec.baseUrl(),
                withParameterExamples(op, call),
                request(op).body(),
                answersContent(op));
    }

    /**
     * {@code call} with each {@code {name}} replaced by the example of that parameter. The examples go inside string
     * literals as they are, so one that would need escaping stops the build; so does a placeholder left unfilled
     * ({@code {body}} and {@code {body.field}} are the request body's, filled by the sample itself).
     */
    private String withParameterExamples(Spec.Operation op, String call) {
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = spec.resolve(p);
            JsonNode example = example(param);
            String placeholder = "{" + param.path("name").asText() + "}";
            if (example == null || !call.contains(placeholder)) continue;
            if (example.asText().matches("(?s).*[\\\\'\"\\n].*"))
                throw new SiteException(
                        op.id() + ": the example of " + param.path("name").asText()
                                + " would need escaping in a string literal: " + example.asText());
            call = call.replace(placeholder, example.asText());
        }
        Matcher unfilled = Pattern.compile("\\{(?!body\\b)[a-zA-Z_]+}").matcher(call);
        if (unfilled.find())
            throw new SiteException(
                    op.id() + ": SDK sample refers to a parameter without example: " + unfilled.group());
        return call;
    }

    /** The imports the sample needs, so it compiles as pasted. */
    private static String imports(String body) {
        return IMPORTS.entrySet().stream()
                .filter(type -> Pattern.compile("\\b" + type.getKey() + "\\b")
                        .matcher(body)
                        .find())
                .map(type -> "import " + type.getValue() + ";\n")
                .sorted()
                .collect(Collectors.joining());
    }
}
