package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TypeScript request samples of the reference: one call of the {@code @hokusai/sdk} facade per operation, its
 * answer printed. The package's types name fields as the wire does, so the request body goes in as the spec's own
 * example, written as a TypeScript object literal; no body is retyped here.
 */
final class TypeScriptSamples {

    /**
     * The facade call per operation: {@code {name}} is the example of that parameter, {@code {body}} the request body's
     * example and {@code {body.field}} one field of it. Mirrors the FACADE table of {@code sdk-typescript}'s
     * {@code operation-coverage.test.ts}; an operation without a row stops the build.
     */
    static final Map<String, String> SDK_CALLS = Map.ofEntries(
            Map.entry("listModels", "client.models.list()"),
            Map.entry("getModel", "client.models.get('{modelRef}')"),
            Map.entry("createModel", "client.models.create({body})"),
            Map.entry("updateModel", "client.models.update('{modelRef}', {body})"),
            Map.entry("getModelInfo", "client.models.info('{modelRef}')"),
            Map.entry("getModelHealth", "client.models.warmUp('{modelRef}')"),
            Map.entry("getModelUsage", "client.models.usage('{modelRef}', { from: '{from}', to: '{to}' })"),
            Map.entry("predict", "client.predictions.create('{modelRef}', {body.inputs})"),
            Map.entry("listModelDeployments", "client.deployments.list('{modelRef}')"),
            Map.entry("getDeployment", "client.deployments.get('{deploymentId}')"),
            Map.entry("createDeployment", "client.deployments.create('{modelRef}', {body})"),
            Map.entry("activateDeployment", "client.deployments.activate('{deploymentId}')"),
            Map.entry("retireDeployment", "client.deployments.retire('{deploymentId}')"),
            Map.entry("createApiKey", "client.apiKeys.create({body})"),
            Map.entry("listApiKeys", "client.apiKeys.list()"),
            Map.entry("revokeApiKey", "client.apiKeys.revoke('{keyId}')"),
            Map.entry("getUsage", "client.usage.retrieve()"),
            Map.entry("createOpenAiEmbeddings", "client.embeddings.create({body})"),
            Map.entry("listOpenAiModels", "client.embeddings.listModels()"),
            Map.entry("getOpenAiModel", "client.embeddings.getModel('{model}')"),
            Map.entry("getOwnAccount", "client.accounts.retrieve()"),
            Map.entry("setHuggingFaceCredential", "client.accounts.setHuggingFaceToken({body.token})"),
            Map.entry("deleteHuggingFaceCredential", "client.accounts.deleteHuggingFaceToken()"),
            Map.entry("createAccount", "client.accounts.create({body})"),
            Map.entry("getAccount", "client.accounts.retrieve('{accountId}')"),
            Map.entry(
                    "listAuditEvents",
                    "client.auditEvents.list({ object_type: '{object_type}', object_id: '{object_id}' })"),
            Map.entry("reportOutcome", "client.outcomes.report({body})"),
            Map.entry("getLiveness", "client.system.liveness()"),
            Map.entry("getReadiness", "client.system.readiness()"),
            Map.entry("getOpenApiDocument", "client.system.openApiDocument()"),
            Map.entry("getApiIndex", "client.system.index()"),
            Map.entry("getInferenceServerMetadata", "client.inference.serverMetadata()"),
            Map.entry("getInferenceServerLive", "client.inference.live()"),
            Map.entry("getInferenceServerReady", "client.inference.ready()"),
            Map.entry("getTensorModelMetadata", "client.inference.metadata('{model_name}')"),
            Map.entry("getTensorModelVersionMetadata", "client.inference.metadata('{model_name}', '{model_version}')"),
            Map.entry("getTensorModelReady", "client.inference.modelReady('{model_name}')"),
            Map.entry("getTensorModelVersionReady", "client.inference.modelReady('{model_name}', '{model_version}')"),
            Map.entry("inferTensors", "client.inference.infer('{model_name}', {body})"),
            Map.entry("inferTensorsOfVersion", "client.inference.infer('{model_name}', {body}, '{model_version}')"));

    private static final Pattern BODY = Pattern.compile("\\{body(?:\\.([a-z_]+))?}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private TypeScriptSamples() {}

    /**
     * The sample: the import, a client on {@code baseUrl} (its key from {@code HOKUSAI_API_KEY}, the facade's default)
     * and {@code call}, whose parameters are already filled in, with {@code body} in place of its body placeholders.
     */
    static String sample(String operationId, String baseUrl, String call, JsonNode body, boolean answersContent) {
        Matcher placeholder = BODY.matcher(call);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            if (body == null)
                throw new SiteException(
                        operationId + ": the TypeScript sample sends a body, the spec has no request example");
            JsonNode value = placeholder.group(1) == null ? body : body.get(placeholder.group(1));
            if (value == null)
                throw new SiteException(operationId + ": the request example has no field " + placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(literal(value, "")));
        }
        placeholder.appendTail(filled);
        // A call whose answer has no body (204) resolves to nothing to print.
        String statement = answersContent
                ? "const result = await " + filled + ";\nconsole.log(result);\n"
                : "await " + filled + ";\n";
        return "import { Hokusai } from '@hokusai/sdk';\n\n"
                + "const client = new Hokusai({ baseUrl: " + string(baseUrl)
                + " }); // the key from HOKUSAI_API_KEY\n\n"
                + statement;
    }

    /** {@code value} as a TypeScript expression, two spaces per level from {@code indent} on. */
    static String literal(JsonNode value, String indent) {
        if (value.isTextual()) return string(value.asText());
        if (value.isValueNode()) return value.toString();
        if (value.isEmpty()) return value.isArray() ? "[]" : "{}";
        if (value.isArray() && allScalars(value)) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(literal(item, indent)));
            return "[" + String.join(", ", items) + "]";
        }
        String inner = indent + "  ";
        StringBuilder out = new StringBuilder(value.isArray() ? "[\n" : "{\n");
        if (value.isArray()) {
            value.forEach(item -> out.append(inner).append(literal(item, inner)).append(",\n"));
        } else {
            value.fields()
                    .forEachRemaining(field -> out.append(inner)
                            .append(
                                    IDENTIFIER.matcher(field.getKey()).matches()
                                            ? field.getKey()
                                            : string(field.getKey()))
                            .append(": ")
                            .append(literal(field.getValue(), inner))
                            .append(",\n"));
        }
        return out.append(indent).append(value.isArray() ? "]" : "}").toString();
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) if (item.isContainerNode()) return false;
        return true;
    }

    /** A single-quoted TypeScript string. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('\'').toString();
    }
}
