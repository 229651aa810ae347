package ai.hokusai.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec's house rules, so that generated code, SDK and docs have everything they need to be good. */
class SpecConventionsTest {

    private static OpenAPI api;
    private static OpenAPI resolved;

    @BeforeAll
    static void parse() {
        String location = "src/main/openapi/openapi.yaml";
        SwaggerParseResult raw = new OpenAPIV3Parser().readLocation(location, null, new ParseOptions());
        assertThat(raw.getMessages()).as("the spec parses without messages").isEmpty();
        api = raw.getOpenAPI();
        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        resolve.setResolveFully(true);
        resolved = new OpenAPIV3Parser().readLocation(location, null, resolve).getOpenAPI();
    }

    private static void forEachOperation(OpenAPI spec, OperationVisitor visitor) {
        spec.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> visitor.visit(method + " " + path, operation)));
    }

    interface OperationVisitor {
        void visit(String name, Operation operation);
    }

    @Test
    void theFirstServerIsTheOneProductionBaseUrl() {
        assertThat(api.getServers().get(0).getUrl()).isEqualTo("https://api.hokus.ai");
        assertThat(api.getServers())
                .extracting(s -> s.getUrl())
                .allMatch(url -> url.equals("https://api.hokus.ai") || url.startsWith("http://localhost"));
    }

    @Test
    void everyOperationHasAnIdASummaryADescriptionAndOneTag() {
        List<String> faults = new ArrayList<>();
        forEachOperation(api, (name, op) -> {
            if (op.getOperationId() == null || op.getSummary() == null || op.getDescription() == null) {
                faults.add(name + " lacks operationId, summary or description");
            }
            if (op.getTags() == null || op.getTags().size() != 1) {
                faults.add(name + " must have exactly one tag");
            }
        });
        assertThat(faults).isEmpty();
    }

    /** The path prefix of the OpenAI-compatible routes, whose errors are in the shape OpenAI's clients parse. */
    private static final String OPENAI_ROUTES = "/api/openai/";

    private static boolean openAiRoute(String name) {
        return name.substring(name.indexOf(' ') + 1).startsWith(OPENAI_ROUTES);
    }

    @Test
    void everyErrorResponseIsAProblem() {
        List<String> faults = new ArrayList<>();
        forEachOperation(
                resolved,
                (name, op) -> op.getResponses().forEach((status, response) -> {
                    // A readiness probe answers 503 with its health body, as load balancers expect.
                    boolean probe = name.endsWith("/health/ready");
                    if ((status.startsWith("4") || status.startsWith("5")) && !probe && !openAiRoute(name)) {
                        MediaType problem = response.getContent() == null
                                ? null
                                : response.getContent().get("application/problem+json");
                        if (problem == null
                                || problem.getSchema() == null
                                || problem.getSchema().getProperties() == null
                                || !problem.getSchema().getProperties().containsKey("code")) {
                            faults.add(
                                    name + " " + status + " is not application/problem+json with the Problem schema");
                        }
                    }
                }));
        assertThat(faults).isEmpty();
    }

    /**
     * The OpenAI-compatible routes answer every error as OpenAI's clients parse it: {@code application/json} with an
     * {@code error} object carrying the stable {@code code} and the request id. Nothing else answers in that shape.
     */
    @Test
    void everyErrorResponseOfAnOpenAiRouteIsAnOpenAiErrorAndNoOtherRouteIs() {
        List<String> faults = new ArrayList<>();
        List<String> openAiErrors = new ArrayList<>();
        forEachOperation(
                resolved,
                (name, op) -> op.getResponses().forEach((status, response) -> {
                    if (!(status.startsWith("4") || status.startsWith("5"))) {
                        return;
                    }
                    MediaType json = response.getContent() == null
                            ? null
                            : response.getContent().get("application/json");
                    boolean openAiShape = json != null
                            && json.getSchema() != null
                            && json.getSchema().getProperties() != null
                            && json.getSchema().getProperties().get("error") instanceof Schema<?> error
                            && error.getProperties() != null
                            && error.getProperties()
                                    .keySet()
                                    .containsAll(List.of("message", "type", "code", "param", "request_id"));
                    if (openAiRoute(name)) {
                        openAiErrors.add(name + " " + status);
                        if (!openAiShape || response.getContent().size() != 1) {
                            faults.add(name + " " + status + " is not application/json with the OpenAiError schema");
                        }
                    } else if (openAiShape) {
                        faults.add(name + " " + status + " answers OpenAI's error shape outside " + OPENAI_ROUTES);
                    }
                }));
        assertThat(openAiErrors).as("the OpenAI routes document their errors").isNotEmpty();
        assertThat(faults).isEmpty();
    }

    @Test
    void everySuccessResponseHasAnExample() {
        List<String> faults = new ArrayList<>();
        forEachOperation(
                resolved,
                (name, op) -> op.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && !hasExample(response)) {
                        faults.add(name + " " + status + " has no example");
                    }
                }));
        assertThat(faults).isEmpty();
    }

    @Test
    void everySchemaPropertyHasADescriptionAndEveryLeafAnExample() {
        List<String> faults = new ArrayList<>();
        api.getComponents().getSchemas().forEach((schemaName, schema) -> {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                return;
            }
            properties.forEach((property, definition) -> {
                if (definition.get$ref() != null) {
                    return; // described where it is defined
                }
                if (definition.getDescription() == null) {
                    faults.add(schemaName + "." + property + " has no description");
                }
                boolean leaf = !"array".equals(definition.getType())
                        || definition.getItems() == null
                        || definition.getItems().get$ref() == null;
                if (leaf && definition.getExample() == null && !definition.getExampleSetFlag()) {
                    faults.add(schemaName + "." + property + " has no example");
                }
            });
        });
        assertThat(faults).isEmpty();
    }

    @Test
    void everyProblemCodeHasStatusTitleAndDescription() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> codes = (Map<String, Map<String, Object>>)
                api.getComponents().getSchemas().get("Problem").getExtensions().get("x-problem-codes");
        assertThat(codes).isNotEmpty();
        codes.forEach((code, entry) -> {
            assertThat(code).matches("[a-z][a-z_]*");
            assertThat(entry).containsKeys("status", "title", "description");
            assertThat((Integer) entry.get("status")).isBetween(400, 599);
        });
    }

    /**
     * The server refuses a NUL character in any string a request carries (body, path or query), so every string a
     * request can carry says so: a {@code pattern} that its example matches and that refuses the example with a NUL
     * in it (an enum, a UUID and a date-time refuse NUL by definition). A body valid against the spec is then never refused
     * for it.
     */
    @Test
    void everyStringARequestCarriesRefusesNulInItsSchema() {
        List<String> faults = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        forEachOperation(api, (name, op) -> {
            if (op.getParameters() != null) {
                op.getParameters()
                        .forEach(parameter -> checkNulFree(
                                name + " parameter " + parameter.getName(), parameter.getSchema(), visited, faults));
            }
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody()
                        .getContent()
                        .forEach((type, media) -> checkNulFree(name + " body", media.getSchema(), visited, faults));
            }
        });
        assertThat(visited).as("the walk reached the request schemas").contains("PredictRequest");
        assertThat(faults).isEmpty();
    }

    private static void checkNulFree(String where, Schema<?> schema, Set<String> visited, List<String> faults) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String component = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (visited.add(component)) {
                checkNulFree(component, api.getComponents().getSchemas().get(component), visited, faults);
            }
            return;
        }
        // An enum, a UUID or a date-time holds no NUL by its own definition.
        boolean nulFreeByFormat =
                schema.getEnum() != null || "uuid".equals(schema.getFormat()) || "date-time".equals(schema.getFormat());
        if ("string".equals(schema.getType()) && !nulFreeByFormat) {
            String example =
                    schema.getExample() == null ? "x" : schema.getExample().toString();
            if (schema.getPattern() == null) {
                faults.add(where + " is a string without a pattern refusing NUL");
            } else {
                java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(schema.getPattern());
                String withNul =
                        example.substring(0, example.length() / 2) + '\0' + example.substring(example.length() / 2);
                if (schema.getExample() != null && !pattern.matcher(example).find()) {
                    faults.add(where + "'s example does not match its pattern");
                }
                if (pattern.matcher(withNul).find()) {
                    faults.add(where + "'s pattern accepts a NUL character");
                }
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties()
                    .forEach((property, child) -> checkNulFree(where + "." + property, child, visited, faults));
        }
        checkNulFree(where + "[]", schema.getItems(), visited, faults);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            checkNulFree(where + "{}", values, visited, faults);
        }
        for (List<Schema> family : Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (family != null) {
                family.forEach(member -> checkNulFree(where, member, visited, faults));
            }
        }
    }

    private static boolean hasExample(ApiResponse response) {
        Content content = response.getContent();
        if (content == null) {
            return true; // e.g. 204
        }
        return content.values().stream()
                .allMatch(media -> media.getExample() != null
                        || (media.getExamples() != null && !media.getExamples().isEmpty())
                        || (media.getSchema() != null && media.getSchema().getExample() != null));
    }
}
