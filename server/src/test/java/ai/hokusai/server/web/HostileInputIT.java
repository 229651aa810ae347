package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.ExampleInputs;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a hostile client sends gets a clean, documented 4xx: never a 5xx, never a looser reading than the spec's. */
class HostileInputIT extends ServerIntegrationTest {

    private static final String KEYS = "/api/v1/api-keys";
    private static final String PREDICT = "/api/v1/models/21/predict";

    private JsonNode problem(TestHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
        return body;
    }

    private void fieldError(String path, String body, String pointer) {
        JsonNode problem = problem(http().postJson(path, body), 422, "invalid_request");
        assertThat(problem.get("errors").findValuesAsString("pointer")).as(body).contains(pointer);
    }

    @Test
    void bodiesAreHeldToTheSpecsSchemaWithoutCoercion() {
        fieldError(
                KEYS,
                "{\"name\":\"x\",\"scopes\":[\"predict\"],\"rate_limit_per_minute\":1.5}",
                "/rate_limit_per_minute");
        fieldError(
                KEYS,
                "{\"name\":\"x\",\"scopes\":[\"predict\"],\"rate_limit_per_minute\":\"5\"}",
                "/rate_limit_per_minute");
        fieldError(KEYS, "{\"name\":5,\"scopes\":[\"predict\"]}", "/name");
        fieldError(KEYS, "{\"name\":\"x\",\"scopes\":[\"predict\",\"predict\"]}", "/scopes");
        fieldError(
                KEYS,
                "{\"name\":\"x\",\"scopes\":[\"predict\",\"admin\",\"models:read\",\"models:write\"," + "\"predict\"]}",
                "/scopes");
        fieldError(KEYS, "{\"name\":\"x\",\"scopes\":[\"predict\"],\"expires_at\":1893456000}", "/expires_at");
        fieldError(KEYS, "{\"name\":\"x\",\"scopes\":[\"predict\"],\"expires_at\":\"tomorrow\"}", "/expires_at");
        fieldError(KEYS, "{\"name\":\"x\",\"scopes\":[\"predict\"],\"mode\":null}", "/mode");
        fieldError(PREDICT, "{\"inputs\":" + ExampleInputs.leadJson() + ",\"options\":null}", "/options");
        fieldError(
                "/api/v1/outcomes",
                "{\"inference_log_id\":\"6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21\","
                        + "\"outcome_score\":\"1\",\"outcome_type\":\"conversion\"}",
                "/outcome_score");
    }

    @Test
    void aNumberBeyondADoublesRangeIsAnInputErrorAndNeverScored() {
        for (String field :
                List.of("company_size", "website_visits", "email_opens", "content_downloads", "engagement_score")) {
            String lead = ExampleInputs.leadJson()
                    .replaceFirst("\"" + field + "\"\\s*:\\s*[0-9.]+", "\"" + field + "\": 1e400");
            assertThat(lead).as(field).contains("1e400");
            JsonNode problem = problem(http().postJson(PREDICT, "{\"inputs\": " + lead + "}"), 422, "invalid_input");
            assertThat(problem.get("errors").findValuesAsString("pointer"))
                    .as(field)
                    .contains("/inputs/" + field);
        }
    }

    @Test
    void anIntegerOutOfRangeIsAFieldErrorNotMalformedJson() {
        fieldError(
                KEYS,
                "{\"name\":\"x\",\"scopes\":[\"predict\"],\"rate_limit_per_minute\":2147483648}",
                "/rate_limit_per_minute");
    }

    @Test
    void aNulCharacterIsAFieldErrorBeforeTheDatabaseSeesIt() {
        fieldError(KEYS, "{\"name\":\"a\\u0000b\",\"scopes\":[\"predict\"]}", "/name");
        String lead = ExampleInputs.leadJson().replace("\"VP of Engineering\"", "\"VP\\u0000\"");
        fieldError(PREDICT, "{\"inputs\":" + lead + "}", "/inputs/title");
    }

    @Test
    void aKeyGivenTwiceIsMalformedJson() {
        JsonNode body = problem(
                http().postJson(PREDICT, "{\"inputs\":{\"company_size\":5,\"company_size\":1000}}"),
                400,
                "malformed_json");
        assertThat(body.get("detail").asString()).contains("company_size");
    }

    @Test
    void anUndecodableQueryStringIs400NotA500() throws IOException {
        for (String target : new String[] {
            "/api/v1/usage?from=%",
            "/api/v1/models?%ZZ=1",
            "/api/v1/models/21/health?x=%C3%28",
            "/health/live?x=%C3%28",
            "/api/v1/models?q=%00"
        }) {
            String raw = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(raw).as(target).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"");
        }
    }

    @Test
    void whatTheContainerRefusesIsA400BadRequestWithTheDocumentedStatus() throws IOException {
        String[] requests = {
            "POST /health/live HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: foo\r\nConnection: close\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\nExpect: foo\r\nConnection: close\r\n\r\n",
            "CONNECT localhost:80 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "GET /health/live HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            String raw = raw(request);
            assertThat(raw)
                    .as(request.lines().findFirst().orElseThrow())
                    .startsWith("HTTP/1.1 400")
                    .contains("\"status\":400")
                    .contains("\"code\":\"bad_request\"")
                    .containsIgnoringCase("X-Request-Id");
        }
    }

    @Test
    void twoCredentialsOrARepeatedOneAreRefused() {
        problem(
                http().send(
                                "GET",
                                "/api/v1/models",
                                Map.of("X-API-Key", "hk_test_someOtherKeyEntirely0000000000"),
                                null),
                401,
                "invalid_api_key");
        problem(http().send("GET", "/api/v1/models", Map.of("X-API-Key", ADMIN_KEY), null), 401, "invalid_api_key");
    }

    @Test
    void aRepeatedAuthorizationHeaderIsRefused() throws IOException {
        String raw = raw("GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 401").contains("\"code\":\"invalid_api_key\"");
    }

    @Test
    void aKeylessRequestIs401WhateverElseIsWrongWithIt() {
        TestHttp keyless = http().withKey(null);
        problem(
                keyless.send("POST", PREDICT, Map.of("Content-Type", "text/plain"), "hello"),
                401,
                "authentication_required");
        problem(keyless.send("GET", PREDICT, Map.of(), null), 401, "authentication_required");
        problem(
                keyless.send("GET", "/api/v1/models", Map.of("Accept", "application/xml"), null),
                401,
                "authentication_required");
    }

    @Test
    void matrixParametersInAPathAreRefused() {
        problem(
                http().postJson("/api/v1/models/21;x=1/predict", ExampleInputs.predictRequestJson()),
                400,
                "bad_request");
    }

    @Test
    void everyAnswerToAValidKeyCarriesTheRateLimitHeaders() {
        TestHttp.Response[] answers = {
            http().get("/api/v1/nothing-here"),
            http().send("DELETE", "/api/v1/models/21", Map.of(), null),
            http().send("GET", "/api/v1/models/21", Map.of("Accept", "application/xml"), null),
            http().send("POST", PREDICT, Map.of("Content-Type", "text/plain"), "hello"),
            http().postJson(PREDICT, "{"),
            http().get("/api/v1/models?limit=0"),
        };
        for (TestHttp.Response answer : answers) {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.header("RateLimit-Policy")).as(answer.toString()).isNotBlank();
            assertThat(answer.header("RateLimit")).as(answer.toString()).isNotBlank();
        }
    }

    @Test
    void optionsAndTraceOnARouteAre405WithAllow() {
        TestHttp.Response options = http().send("OPTIONS", PREDICT, Map.of(), null);
        problem(options, 405, "method_not_allowed");
        assertThat(options.header("Allow")).isEqualTo("POST");
        TestHttp.Response live = http().withKey(null).send("OPTIONS", "/health/live", Map.of(), null);
        problem(live, 405, "method_not_allowed");
        assertThat(live.header("Allow")).isEqualTo("GET");
    }

    @Test
    void aBodyWhoseFramingIsBrokenIsA400NeverA500() throws IOException {
        String head = "POST /api/v1/models/21/predict HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\n";
        String malformedChunk = raw(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(malformedChunk)
                .as("a malformed chunk size")
                .startsWith("HTTP/1.1 400")
                .contains("\"code\":\"bad_request\"");

        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream()
                    .write((head + "Content-Length: 100\r\n\r\n{\"inputs\":").getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            String shortBody = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shortBody)
                    .as("a body shorter than its Content-Length, then a half-close")
                    .startsWith("HTTP/1.1 400")
                    .contains("\"code\":\"bad_request\"");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
