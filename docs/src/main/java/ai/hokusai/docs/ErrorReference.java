package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The error reference: one section per problem {@code code} of {@code x-problem-codes}, whose HTML id is the code
 * itself, because every problem's {@code type} is {@code {servers[0].url}/docs/errors.html#{code}}. Any problem
 * example in the spec whose {@code type} or {@code code} disagrees with that stops the build.
 */
final class ErrorReference {

    static final String PAGE = "errors.html";

    private final Spec spec;

    ErrorReference(Spec spec) {
        this.spec = spec;
    }

    String typeUri(String code) {
        return spec.baseUrl() + "/docs/" + PAGE + "#" + code;
    }

    String sections() {
        Map<String, JsonNode> codes = spec.problemCodes();
        Map<String, JsonNode> examples = problemExamples(codes);
        StringBuilder html = new StringBuilder();
        codes.forEach((code, facts) -> {
            String status = facts.path("status").asText();
            html.append("<section class=\"problem\" id=\"")
                    .append(Html.escape(code))
                    .append("\">")
                    .append("<h2><a class=\"anchor\" href=\"#")
                    .append(Html.escape(code))
                    .append("\"><code>")
                    .append(Html.escape(code))
                    .append("</code></a><span class=\"status s")
                    .append(status.charAt(0))
                    .append("\">")
                    .append(status)
                    .append("</span></h2>")
                    .append("<p class=\"problem-title\">")
                    .append(Html.escape(facts.path("title").asText()))
                    .append("</p>")
                    .append("<p>")
                    .append(InlineMarkdown.render(facts.path("description").asText()))
                    .append("</p>")
                    .append("<dl class=\"facts\"><dt>type</dt><dd><code>")
                    .append(Html.escape(typeUri(code)))
                    .append("</code></dd>")
                    .append("<dt>Returned by</dt><dd>")
                    .append(operationsAnswering(status))
                    .append("</dd></dl>");
            JsonNode example = examples.get(code);
            if (example != null) html.append(JsonHighlighter.block(Json.pretty(example)));
            html.append("</section>");
        });
        return html.toString();
    }

    String linksForStatus(String status, String root) {
        List<String> links = new ArrayList<>();
        spec.problemCodes().forEach((code, facts) -> {
            if (facts.path("status").asText().equals(status)) {
                links.add("<a href=\"" + root + PAGE + "#" + code + "\"><code>" + code + "</code></a>");
            }
        });
        if (links.isEmpty()) {
            return "<p class=\"note\">Version " + Html.escape(spec.version())
                    + " of the contract defines no problem code with status " + Html.escape(status) + " yet.</p>";
        }
        return "<p>Problem codes with status " + Html.escape(status) + ": " + String.join(", ", links) + ".</p>";
    }

    private String operationsAnswering(String status) {
        TreeSet<String> ops = new TreeSet<>();
        for (Spec.Operation op : spec.operations()) {
            if (op.node().path("responses").has(status)) ops.add(op.id());
        }
        if (ops.isEmpty()) return "any route (the server answers it before routing)";
        List<String> links = new ArrayList<>();
        for (String id : ops) {
            links.add("<a href=\"reference.html#"
                    + Html.escape(spec.operation(id).referenceAnchor()) + "\"><code>" + id + "</code></a>");
        }
        return String.join(" ", links);
    }

    /** Every problem example the spec documents, checked against the code table, keyed by code. */
    private Map<String, JsonNode> problemExamples(Map<String, JsonNode> codes) {
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        spec.root().path("components").path("responses").fields().forEachRemaining(response -> {
            JsonNode example = response.getValue()
                    .path("content")
                    .path("application/problem+json")
                    .path("example");
            if (example.isMissingNode()) return;
            String code = example.path("code").asText();
            if (!codes.containsKey(code)) {
                throw new SiteException("response " + response.getKey() + " shows problem code '" + code
                        + "', which x-problem-codes does not list");
            }
            if (!typeUri(code).equals(example.path("type").asText())) {
                throw new SiteException("response " + response.getKey() + " shows type "
                        + example.path("type").asText() + " but its error reference is " + typeUri(code));
            }
            if (!codes.get(code)
                    .path("status")
                    .asText()
                    .equals(example.path("status").asText())) {
                throw new SiteException("response " + response.getKey() + " shows status "
                        + example.path("status").asText() + " for code " + code + ", x-problem-codes says "
                        + codes.get(code).path("status").asText());
            }
            byCode.putIfAbsent(code, example);
        });
        return byCode;
    }
}
