package ai.hokusai.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOverlapLintTest {

    private static OpenAPI parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
    }

    private static String spec(String paths) {
        return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + paths;
    }

    private static String op(String method, String name, String schema) {
        return "    " + method + ":\n"
                + "      parameters:\n"
                + "        - {name: " + name + ", in: path, required: true, schema: " + schema + "}\n"
                + "      responses: {'200': {description: ok}}\n";
    }

    @Test
    void theProjectSpecHasNoTwoTemplatesMatchingOneUrl() {
        OpenAPI api = new OpenAPIV3Parser()
                .read(Path.of("src/main/openapi/openapi.yaml").toString());
        assertThat(api).isNotNull();
        assertThat(PathOverlapLint.findOverlaps(api)).isEmpty();
    }

    @Test
    void theOldServicesTwoPredictRoutersAreRejectedWithTheirMethodsSplit() {
        OpenAPI api = parse(spec("  /api/v1/models/{deployed_model_id}/predict:\n"
                + op("get", "deployed_model_id", "{type: string, format: uuid}")
                + "  /api/v1/models/{model_id}/predict:\n"
                + op("post", "model_id", "{type: string}")));
        List<PathOverlapLint.Overlap> overlaps = PathOverlapLint.findOverlaps(api);
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps.get(0).splitsMethods()).isTrue();
        assertThat(overlaps.get(0).toString()).contains("405").contains("[GET]").contains("[POST]");
        assertThat(overlaps.get(0).example()).matches("/api/v1/models/[0-9a-fA-F-]{36}/predict");
    }

    @Test
    void parametersWithDisjointPatternsDoNotOverlap() {
        OpenAPI api = parse(spec("  /models/{id}:\n" + op("get", "id", "{type: integer}")
                + "  /models/{slug}/x:\n" + op("get", "slug", "{type: string}")
                + "  /things/{id}:\n" + op("get", "id", "{type: string, pattern: '^[0-9]+$'}")
                + "  /things/{slug}:\n" + op("post", "slug", "{type: string, pattern: '^[a-z][a-z-]*$'}")));
        assertThat(PathOverlapLint.findOverlaps(api)).isEmpty();
    }

    @Test
    void parametersWithIntersectingPatternsOverlap() {
        OpenAPI api = parse(spec("  /things/{id}:\n" + op("get", "id", "{type: string, pattern: '^[0-9a-f]+$'}")
                + "  /things/{slug}:\n" + op("get", "slug", "{type: string, pattern: '^[a-z]+$'}")));
        List<PathOverlapLint.Overlap> overlaps = PathOverlapLint.findOverlaps(api);
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps.get(0).example()).matches("/things/[a-f]+");
        assertThat(overlaps.get(0).splitsMethods()).isFalse();
    }

    @Test
    void aLiteralThatAParameterAcceptsOverlapsEvenWhenThePatternUsesLookahead() {
        String modelRef = "{type: string, pattern: '^(?:[1-9][0-9]*|(?!x)[a-z]+)$'}";
        OpenAPI api = parse(spec("  /models/{modelRef}:\n" + op("get", "modelRef", modelRef)
                + "  /models/search:\n    get:\n      responses: {'200': {description: ok}}\n"));
        assertThat(PathOverlapLint.findOverlaps(api))
                .singleElement()
                .satisfies(o -> assertThat(o.example()).isEqualTo("/models/search"));
    }

    @Test
    void aLiteralThatAParameterRejectsDoesNotOverlap() {
        OpenAPI api = parse(spec("  /models/{id}:\n" + op("get", "id", "{type: string, pattern: '^[1-9][0-9]*$'}")
                + "  /models/search:\n    get:\n      responses: {'200': {description: ok}}\n"));
        assertThat(PathOverlapLint.findOverlaps(api)).isEmpty();
    }

    @Test
    void anInexpressiblePatternIsTakenToOverlapAnotherParameter() {
        OpenAPI api = parse(spec("  /m/{a}:\n" + op("get", "a", "{type: string, pattern: '^(?!z)[a-y]+$'}")
                + "  /m/{b}:\n" + op("get", "b", "{type: integer}")));
        assertThat(PathOverlapLint.findOverlaps(api)).hasSize(1);
    }
}
