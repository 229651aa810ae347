package ai.hokusai.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A request example written as a TypeScript object literal, and the sample built around a facade call. */
class TypeScriptSamplesTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void anObjectBecomesALiteralWithBareKeysSingleQuotesAndTrailingCommas() throws Exception {
        JsonNode body = json(
                "{\"slug\": \"minilm-embed\", \"max_batch_size\": 32, \"activate\": true, \"tags\": [\"Embedding\", \"Text\"],"
                        + " \"input_schema\": {\"type\": \"object\", \"x-kind\": null, \"properties\": {}}}");

        assertThat(TypeScriptSamples.literal(body, "")).isEqualTo("""
                        {
                          slug: 'minilm-embed',
                          max_batch_size: 32,
                          activate: true,
                          tags: ['Embedding', 'Text'],
                          input_schema: {
                            type: 'object',
                            'x-kind': null,
                            properties: {},
                          },
                        }""");
    }

    @Test
    void anArrayOfObjectsGoesOneItemPerLine() throws Exception {
        assertThat(TypeScriptSamples.literal(json("[{\"a\": 1}, {\"a\": 2.5}]"), ""))
                .isEqualTo("[\n  {\n    a: 1,\n  },\n  {\n    a: 2.5,\n  },\n]");
    }

    @Test
    void aStringIsEscapedForSingleQuotes() throws Exception {
        assertThat(TypeScriptSamples.literal(json("\"it's a \\\\ and a\\nline\""), ""))
                .isEqualTo("'it\\'s a \\\\ and a\\nline'");
    }

    @Test
    void aCallWithAnAnswerPrintsItAndACallWithoutOneOnlyAwaits() throws Exception {
        String create = TypeScriptSamples.sample(
                "createApiKey",
                "https://api.example.test",
                "client.apiKeys.create({body})",
                json("{\"name\": \"CRM\", \"scopes\": [\"predict\"]}"),
                true);
        assertThat(create).isEqualTo("""
                        import { Hokusai } from '@hokusai/sdk';

                        const client = new Hokusai({ baseUrl: 'https://api.example.test' }); // the key from HOKUSAI_API_KEY

                        const result = await client.apiKeys.create({
                          name: 'CRM',
                          scopes: ['predict'],
                        });
                        console.log(result);
                        """);

        String revoke = TypeScriptSamples.sample(
                "revokeApiKey", "https://api.example.test", "client.apiKeys.revoke('3d5e')", null, false);
        assertThat(revoke).endsWith("\nawait client.apiKeys.revoke('3d5e');\n").doesNotContain("console.log");
    }

    @Test
    void aBodyPlaceholderWithoutARequestExampleStopsTheBuild() {
        assertThatThrownBy(() -> TypeScriptSamples.sample(
                        "createModel", "https://api.example.test", "client.models.create({body})", null, true))
                .isInstanceOf(SiteException.class)
                .hasMessageContaining("createModel");
    }

    @Test
    void aBodyFieldTheExampleLacksStopsTheBuild() throws Exception {
        assertThatThrownBy(() -> TypeScriptSamples.sample(
                        "predict",
                        "https://api.example.test",
                        "client.predictions.create('21', {body.inputs})",
                        json("{\"options\": {}}"),
                        true))
                .isInstanceOf(SiteException.class)
                .hasMessageContaining("inputs");
    }
}
