package ai.hokusai.server.web;

import ai.hokusai.server.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Calls made across accounts and the answers the design documents for them, compared so that every mismatch of a
 * run is reported at once, and so that another account's private object can be shown to answer exactly as a missing
 * one.
 */
final class TenancyAnswers {

    /** Whose object a call names, as seen from the caller. */
    enum Target {
        OWN,
        PUBLIC_OF_ANOTHER,
        PRIVATE_OF_ANOTHER,
        MISSING
    }

    /** A documented answer: its status, and its problem code when it is an error. */
    record Answer(int status, String code) {

        static Answer ok(int status) {
            return new Answer(status, null);
        }

        static Answer problem(int status, String code) {
            return new Answer(status, code);
        }

        @Override
        public String toString() {
            return code == null ? String.valueOf(status) : status + " " + code;
        }
    }

    static final Answer INSUFFICIENT_SCOPE = Answer.problem(403, "insufficient_scope");
    static final Answer FORBIDDEN = Answer.problem(403, "forbidden");
    static final Answer MODEL_NOT_FOUND = Answer.problem(404, "model_not_found");
    static final Answer DEPLOYMENT_NOT_FOUND = Answer.problem(404, "deployment_not_found");
    static final Answer API_KEY_NOT_FOUND = Answer.problem(404, "api_key_not_found");

    /** One call: the path called (with its query), the request id sent, and the answer. */
    record Call(String path, String requestId, TestHttp.Response response) {}

    private TenancyAnswers() {}

    /** Sends a request with an {@code X-Request-Id} of its own, and JSON when there is a body. */
    static Call call(TestHttp caller, String method, String path, String jsonBody) {
        String requestId = "tenancy-" + UUID.randomUUID();
        Map<String, String> headers = jsonBody == null
                ? Map.of("X-Request-Id", requestId)
                : Map.of("X-Request-Id", requestId, "Content-Type", "application/json");
        return new Call(path, requestId, caller.send(method, path, headers, jsonBody));
    }

    /** Adds a line to {@code mismatches} unless the call got the expected status and problem code. */
    static void check(List<String> mismatches, Object what, String scope, Target target, Answer expected, Call call) {
        TestHttp.Response response = call.response();
        String contentType = String.valueOf(response.header("Content-Type"));
        String code = contentType.startsWith("application/problem+json") ? problemCode(response) : null;
        boolean matches = response.status() == expected.status()
                && (expected.code() == null || expected.code().equals(code));
        if (!matches) {
            mismatches.add(String.format(
                    "%s with a %s key on %s %s: expected %s, got %d %s",
                    what, scope, target, call.path(), expected, response.status(), abbreviated(response.body())));
        }
    }

    /**
     * Adds a line to {@code mismatches} unless the call about another account's private object answered as the call
     * about a missing one: the same status, content type and body but for the request id, the path and the reference
     * the body echoes.
     */
    static void compare(
            List<String> mismatches, String what, Call hidden, String hiddenRef, Call missing, String missingRef) {
        String hiddenAnswer = hidden.response().status() + " "
                + hidden.response().header("Content-Type") + " " + normalised(hidden, hiddenRef);
        String missingAnswer = missing.response().status() + " "
                + missing.response().header("Content-Type") + " " + normalised(missing, missingRef);
        if (!hiddenAnswer.equals(missingAnswer)) {
            mismatches.add(String.format(
                    "%s: another account's private object answered%n    %s%n  a missing one%n" + "    %s",
                    what, hiddenAnswer, missingAnswer));
        }
    }

    /** The body as answered, with the request id, the called path and the echoed reference put in placeholders. */
    static String normalised(Call call, String ref) {
        String body = call.response().body() == null ? "" : call.response().body();
        body = body.replace(call.requestId(), "{request_id}").replace(call.path(), "{instance}");
        int query = call.path().indexOf('?');
        if (query > 0) {
            body = body.replace(call.path().substring(0, query), "{instance}");
        }
        return Pattern.compile("(?<![0-9A-Za-z-])" + Pattern.quote(ref) + "(?![0-9A-Za-z-])")
                .matcher(body)
                .replaceAll(Matcher.quoteReplacement("{ref}"));
    }

    private static String problemCode(TestHttp.Response response) {
        try {
            JsonNode code = response.json().get("code");
            return code == null ? null : code.asString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String abbreviated(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
