package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.ExampleInputs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every failure answers application/problem+json with a stable code, the request id and no internals. */
class ErrorResponsesIT extends ServerIntegrationTest {

    private static final String PREDICT = "/api/v1/models/21/predict";

    private static JsonNode problem(TestHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asString()).isEqualTo("https://api.hokus.ai/docs/errors.html#" + code);
        assertThat(body.get("request_id").asString())
                .isEqualTo(response.header("X-Request-Id"))
                .isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at ai.hokusai", "Whitelabel", "SQL");
        return body;
    }

    @Test
    void anUnknownRouteIs404RouteNotFoundWithOrWithoutAKey() {
        problem(http().get("/api/v1/nothing-here"), 404, "route_not_found");
        problem(http().withKey(null).get("/no/such/page"), 404, "route_not_found");
    }

    @Test
    void aRequestTheServletContainerRefusesIsStillAProblemNotAnHtmlPage() throws Exception {
        for (String target : new String[] {"/api/v1/models/%ZZ", "/api/v1/models/%"}) {
            String raw = rawGet(target);
            assertThat(raw).startsWith("HTTP/1.1 400");
            assertThat(raw).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(raw).containsIgnoringCase("X-Request-Id: req_");
            assertThat(raw).contains("\"code\":\"bad_request\"").doesNotContain("<html");
        }
    }

    /** A request line no HTTP client library will send: percent-encoding that does not decode. */
    private String rawGet(String target) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        TestHttp.Response response = http().send("DELETE", "/api/v1/models/21", Map.of(), null);
        JsonNode body = problem(response, 405, "method_not_allowed");
        assertThat(response.header("Allow")).isEqualTo("GET, PATCH");
        assertThat(body.get("detail").asString()).contains("GET /api/v1/models/21");
    }

    @Test
    void anAcceptHeaderRulingOutJsonIs406AndStillAProblem() {
        TestHttp.Response response = http().send("GET", "/api/v1/models/21", Map.of("Accept", "text/html"), null);
        problem(response, 406, "not_acceptable");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        TestHttp.Response response = http().send("POST", PREDICT, Map.of("Content-Type", "text/plain"), "hello");
        problem(response, 415, "unsupported_media_type");
    }

    @Test
    void malformedJsonIs400() {
        problem(http().postJson(PREDICT, "{\"inputs\": {"), 400, "malformed_json");
    }

    @Test
    void aPathParameterBreakingItsPatternIs400NamingIt() {
        JsonNode body = problem(http().get("/api/v1/models/NOT_A_REF"), 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/path/modelRef");
        body = problem(http().get("/api/v1/deployments/not-a-uuid"), 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/path/deploymentId");
    }

    @Test
    void aQueryParameterOutOfRangeOrOfTheWrongTypeIs400NamingIt() {
        JsonNode body = problem(http().get("/api/v1/models?limit=0"), 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/query/limit");
        body = problem(http().get("/api/v1/models?limit=ten"), 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/query/limit");
        body = problem(http().get("/api/v1/models?cursor=bm9wZQ"), 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/query/cursor");
    }

    @Test
    void aMissingKeyIs401AuthenticationRequiredAndABadOneInvalidApiKey() {
        TestHttp.Response missing = http().withKey(null).get("/api/v1/models");
        problem(missing, 401, "authentication_required");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"hokusai\"");

        TestHttp.Response bad = http().withKey(null)
                .send("GET", "/api/v1/models", Map.of("X-API-Key", "hk_test_wrongwrongwrongwrongwrongwrong00"), null);
        problem(bad, 401, "invalid_api_key");
        assertThat(bad.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void theKeyIsAcceptedAsXApiKeyToo() {
        TestHttp.Response response =
                http().withKey(null).send("GET", "/api/v1/models/21", Map.of("X-API-Key", ADMIN_KEY), null);
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void anUnknownModelIs404() {
        problem(http().get("/api/v1/models/424242"), 404, "model_not_found");
        problem(http().get("/api/v1/models/no-such-model/info"), 404, "model_not_found");
        problem(http().get("/api/v1/deployments/00000000-0000-4000-8000-000000000000"), 404, "deployment_not_found");
    }

    @Test
    void invalidInputIs422WithOnePointerPerBadField() {
        Map<String, Object> lead = ExampleInputs.lead();
        lead.put("company_size", "a thousand");
        lead.put("engagement_score", 175);
        lead.put("title", null);
        lead.put("favourite_colour", "blue");
        JsonNode problem =
                problem(http().postJson(PREDICT, ExampleInputs.json(Map.of("inputs", lead))), 422, "invalid_input");
        assertThat(problem.get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString())
                        .toList())
                .containsExactly(
                        "/inputs/company_size",
                        "/inputs/engagement_score",
                        "/inputs/favourite_colour",
                        "/inputs/title");
    }

    @Test
    void invalidInputsInABatchArePointedAtByIndex() {
        String body = "{\"inputs\": [" + ExampleInputs.leadJson() + ", {\"company_size\": 1}]}";
        JsonNode problem = problem(http().postJson(PREDICT, body), 422, "invalid_input");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("pointer").asString()))
                .allMatch(p -> p.startsWith("/inputs/1/"))
                .contains("/inputs/1/title");
    }

    @Test
    void aMissingOrMistypedEnvelopeIs422InvalidRequest() {
        JsonNode body = problem(http().postJson(PREDICT, "{}"), 422, "invalid_request");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("/inputs");
        body = problem(http().postJson(PREDICT, "{\"inputs\": 42}"), 422, "invalid_request");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("/inputs");
        body = problem(http().postJson(PREDICT, "{\"inputs\": [], \"options\": {}}"), 422, "invalid_request");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("/inputs");
        body = problem(http().postJson(PREDICT, "{\"inputs\": {}, \"options\": 5}"), 422, "invalid_request");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("/options");
        body = problem(http().postJson(PREDICT, "{\"inputs\": {}, \"input\": {}}"), 422, "invalid_request");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("/input");
    }

    @Test
    void aBatchOverTheModelsLimitIs413() {
        String batch = "{\"inputs\": [" + "{},".repeat(100) + "{}]}";
        JsonNode body = problem(http().postJson(PREDICT, batch), 413, "batch_too_large");
        assertThat(body.get("detail").asString()).contains("101").contains("100");
    }

    @Test
    void aBodyOverTheConfiguredSizeIs413() {
        String huge = "{\"inputs\": {\"title\": \"" + "x".repeat(1_100_000) + "\"}}";
        problem(http().postJson(PREDICT, huge), 413, "payload_too_large");
    }

    @Test
    void theRequestIdIsEchoedWhenGivenAndMadeWhenNot() {
        TestHttp.Response given =
                http().send("GET", "/api/v1/models/21", Map.of("X-Request-Id", "trace-abc-123"), null);
        assertThat(given.header("X-Request-Id")).isEqualTo("trace-abc-123");
        TestHttp.Response made = http().get("/health/live");
        assertThat(made.header("X-Request-Id")).matches("req_[a-z0-9]{20}");
        TestHttp.Response bad = http().send("GET", "/api/v1/models/21", Map.of("X-Request-Id", "has space"), null);
        JsonNode body = problem(bad, 400, "invalid_parameter");
        assertThat(body.get("errors").get(0).get("pointer").asString()).isEqualTo("#/header/X-Request-Id");
    }

    @Test
    void healthAndTheSpecNeedNoKey() {
        TestHttp anonymous = http().withKey(null);
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
        assertThat(anonymous
                        .get("/health/ready")
                        .json()
                        .get("checks")
                        .get("database")
                        .asString())
                .isEqualTo("UP");
        TestHttp.Response spec = anonymous.get("/openapi.yaml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.header("Content-Type")).startsWith("application/yaml");
        assertThat(spec.body()).startsWith("openapi: 3.0.3");
    }
}
