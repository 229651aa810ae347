package ai.hokusai.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
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
        spec.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> visitor.visit(method + " " + path, operation)));
    }

    interface OperationVisitor {
        void visit(String name, Operation operation);
    }

    @Test
    void theFirstServerIsTheOneProductionBaseUrl() {
        assertThat(api.getServers().get(0).getUrl()).isEqualTo("https://api.hokus.ai");
        assertThat(api.getServers()).extracting(s -> s.getUrl())
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

    @Test
    void everyErrorResponseIsAProblem() {
        List<String> faults = new ArrayList<>();
        forEachOperation(resolved, (name, op) -> op.getResponses().forEach((status, response) -> {
            // A readiness probe answers 503 with its health body, as load balancers expect.
            boolean probe = name.endsWith("/health/ready");
            if ((status.startsWith("4") || status.startsWith("5")) && !probe) {
                MediaType problem = response.getContent() == null ? null
                        : response.getContent().get("application/problem+json");
                if (problem == null || problem.getSchema() == null
                        || problem.getSchema().getProperties() == null
                        || !problem.getSchema().getProperties().containsKey("code")) {
                    faults.add(name + " " + status + " is not application/problem+json with the Problem schema");
                }
            }
        }));
        assertThat(faults).isEmpty();
    }

    @Test
    void everySuccessResponseHasAnExample() {
        List<String> faults = new ArrayList<>();
        forEachOperation(resolved, (name, op) -> op.getResponses().forEach((status, response) -> {
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
                boolean leaf = !"array".equals(definition.getType()) || definition.getItems() == null
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
        Map<String, Map<String, Object>> codes = (Map<String, Map<String, Object>>) api.getComponents().getSchemas()
                .get("Problem").getExtensions().get("x-problem-codes");
        assertThat(codes).isNotEmpty();
        codes.forEach((code, entry) -> {
            assertThat(code).matches("[a-z][a-z_]*");
            assertThat(entry).containsKeys("status", "title", "description");
            assertThat((Integer) entry.get("status")).isBetween(400, 599);
        });
    }

    private static boolean hasExample(ApiResponse response) {
        Content content = response.getContent();
        if (content == null) {
            return true; // e.g. 204
        }
        return content.values().stream().allMatch(media -> media.getExample() != null
                || (media.getExamples() != null && !media.getExamples().isEmpty())
                || (media.getSchema() != null && media.getSchema().getExample() != null));
    }
}
