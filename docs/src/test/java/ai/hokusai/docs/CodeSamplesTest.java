package ai.hokusai.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reference the build rendered: every operation carries curl, Java and TypeScript samples made from the spec's
 * examples.
 */
class CodeSamplesTest {

    private static final String PREFIX = "window.HOKUSAI_SPEC = ";
    private static final Pattern CURL =
            Pattern.compile("(?s)curl(?: -X (?<method>[A-Z]+))? '?(?<url>https?://[^' \\\\\\n]+)'?(?<rest>.*)");

    private final Path site = Path.of(System.getProperty("hokusai.docs.site"));
    private final Spec spec = load();

    private static Spec load() {
        try {
            return Spec.load(Path.of(System.getProperty("hokusai.docs.spec")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode renderedSpec() throws Exception {
        String js = Files.readString(site.resolve("assets/reference-spec.js")).strip();
        assertThat(js).startsWith(PREFIX).endsWith(";");
        return Json.MAPPER.readTree(js.substring(PREFIX.length(), js.length() - 1));
    }

    @Test
    void everyOperationHasAnSdkCallAndNoCallIsForAnUnknownOperation() {
        List<String> ids = spec.operations().stream().map(Spec.Operation::id).toList();
        assertThat(CodeSamples.SDK_CALLS.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(TypeScriptSamples.SDK_CALLS.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void everyOperationInTheRenderedReferenceHasCurlJavaAndTypeScriptSamplesMadeFromItsExamples() throws Exception {
        JsonNode rendered = renderedSpec();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Spec.Operation op : spec.operations()) {
            JsonNode samples = rendered.path("paths")
                    .path(op.path())
                    .path(op.method().toLowerCase())
                    .path("x-codeSamples");
            List<String> labels = new ArrayList<>();
            samples.forEach(s -> labels.add(s.path("label").asText()));
            assertThat(labels).as(op.id()).containsExactly("curl", "Java SDK", "TypeScript SDK");
            samples.forEach(s -> assertThat(s.path("lang").asText()).as(op.id()).isNotBlank());
            String java = samples.get(1).path("source").asText();
            assertThat(java)
                    .as(op.id())
                    .contains(".baseUrl(\"" + spec.baseUrl() + "\")")
                    .contains("client.")
                    .doesNotContain("{");
            String typeScript = samples.get(2).path("source").asText();
            assertThat(typeScript)
                    .as(op.id())
                    .startsWith("import { Hokusai } from '@hokusai/sdk';\n")
                    .contains("new Hokusai({ baseUrl: '" + spec.baseUrl() + "' })")
                    .contains("await client.")
                    .doesNotContainPattern("\\{[a-zA-Z_.]+}");
            JsonNode sent = typeScriptBody(op, expectedBody(op));
            if (sent != null && !typeScript.contains(TypeScriptSamples.literal(sent, ""))) {
                problems.add(op.id() + ": the TypeScript sample does not pass the spec's request example " + sent);
            }

            Matcher curl = CURL.matcher(samples.get(0).path("source").asText());
            assertThat(curl.matches())
                    .as(op.id() + " curl sample: "
                            + samples.get(0).path("source").asText())
                    .isTrue();
            String method = curl.group("method") == null ? "GET" : curl.group("method");
            if (!method.equals(op.method()))
                problems.add(op.id() + ": method " + method + ", the spec says " + op.method());
            String url = curl.group("url");
            String expectedPath = expectedPath(op);
            if (!url.startsWith(spec.baseUrl() + "/")
                    || !url.substring(spec.baseUrl().length()).split("\\?")[0].equals(expectedPath)) {
                problems.add(op.id() + ": URL " + url + ", expected " + spec.baseUrl() + expectedPath);
            }
            JsonNode expectedBody = expectedBody(op);
            Matcher body = Pattern.compile("(?s).*-d '(.*)'\\s*").matcher(curl.group("rest"));
            if (expectedBody == null) {
                if (body.matches()) problems.add(op.id() + ": sends a body, the spec has no request body");
            } else if (!body.matches()) {
                problems.add(op.id() + ": sends no body, the spec's request example is " + expectedBody);
            } else if (!Json.MAPPER.readTree(body.group(1)).equals(expectedBody)) {
                problems.add(
                        op.id() + ": body " + body.group(1) + " is not the spec's request example " + expectedBody);
            }
            checked++;
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theContractCopiesBesideThePagesCarryNoSamples() throws Exception {
        assertThat(Files.readString(site.resolve("openapi.json"))).doesNotContain("x-codeSamples");
        assertThat(Files.readString(site.resolve("openapi.yaml"))).doesNotContain("x-codeSamples");
    }

    /**
     * What of the request example the TypeScript call passes: all of it, or the one field the facade takes (the
     * inputs of a prediction, the token of a credential); null when the spec has no request body.
     */
    private static JsonNode typeScriptBody(Spec.Operation op, JsonNode body) {
        if (body == null) return null;
        Matcher field = Pattern.compile("\\{body\\.([a-z_]+)}").matcher(TypeScriptSamples.SDK_CALLS.get(op.id()));
        if (field.find()) {
            assertThat(body.has(field.group(1)))
                    .as(op.id() + " request example has " + field.group(1))
                    .isTrue();
            return body.get(field.group(1));
        }
        assertThat(TypeScriptSamples.SDK_CALLS.get(op.id())).as(op.id()).contains("{body}");
        return body;
    }

    /** The path with every path parameter replaced by its example, read independently of the generator. */
    private String expectedPath(Spec.Operation op) {
        String path = op.path();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = spec.resolve(p);
            if ("path".equals(param.path("in").asText())) {
                path = path.replace(
                        "{" + param.path("name").asText() + "}",
                        param.path("example").asText());
            }
        }
        return path;
    }

    /** The request body example: the first named example, else the inline one, else the schema's property examples. */
    private JsonNode expectedBody(Spec.Operation op) {
        JsonNode content =
                spec.resolve(op.node().path("requestBody")).path("content").path("application/json");
        if (content.isMissingNode()) return null;
        if (content.has("examples"))
            return spec.resolve(content.path("examples").elements().next()).path("value");
        if (content.has("example")) return content.get("example");
        JsonNode schema = spec.resolve(content.path("schema"));
        return Json.MAPPER.valueToTree(propertyExamples(schema));
    }

    private java.util.Map<String, JsonNode> propertyExamples(JsonNode schema) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            JsonNode example = spec.resolve(e.getValue()).get("example");
            if (example != null) out.put(e.getKey(), example);
        });
        return out;
    }
}
