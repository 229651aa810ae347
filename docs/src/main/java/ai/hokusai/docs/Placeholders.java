package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code {{name}}} and {@code {{name:argument}}} in page sources with facts from the spec and the registry.
 * An unknown placeholder stops the build, so a typo can never reach a reader as literal braces.
 * Placeholders that produce HTML are written on one line, so Markdown passes them through as one HTML block.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)(?::([^{}]*))?}}");

    private final Map<String, Function<String, String>> handlers;

    Placeholders(Spec spec, ModelCatalog catalog, String root) {
        SchemaTable tables = new SchemaTable(spec);
        ErrorReference errors = new ErrorReference(spec);
        handlers = Map.ofEntries(
                Map.entry("base_url", arg -> spec.baseUrl()),
                Map.entry("api_version", arg -> spec.version()),
                Map.entry("root", arg -> root),
                Map.entry("path", arg -> path(spec, arg)),
                Map.entry("json", arg -> Json.pretty(spec.exampleValue(arg))),
                Map.entry("example", arg -> JsonHighlighter.block(Json.pretty(spec.exampleValue(arg)))),
                Map.entry("schema", arg -> tables.render(spec.component("schemas", arg))),
                Map.entry(
                        "param",
                        arg -> spec.component("parameters", arg)
                                .path("description")
                                .asText()
                                .strip()),
                Map.entry("security", arg -> securitySchemes(spec)),
                Map.entry("operations", arg -> operations(spec, root)),
                Map.entry("headers_matching", arg -> headersMatching(spec, arg)),
                Map.entry("problem_codes", arg -> errors.sections()),
                Map.entry("problem_codes_with_status", arg -> errors.linksForStatus(arg, root)),
                Map.entry("model", catalog::value),
                Map.entry("models_table", arg -> modelsTable(catalog, spec, root)));
    }

    /** Innermost placeholders first, so one can feed another: {@code {{path:getModel:{{model:21.slug}}}}}. */
    String apply(String source, String pageId) {
        String text = source;
        for (String next = once(text, pageId); !next.equals(text); next = once(text, pageId)) text = next;
        if (text.contains("{{"))
            throw new SiteException(pageId + ": malformed placeholder near "
                    + text.substring(text.indexOf("{{"), Math.min(text.length(), text.indexOf("{{") + 40)));
        return text;
    }

    private String once(String source, String pageId) {
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Function<String, String> handler = handlers.get(m.group(1));
            if (handler == null) throw new SiteException(pageId + ": unknown placeholder " + m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(handler.apply(m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code predict:21} is the predict path with its one path parameter filled in; {@code getReadiness} as is. */
    private static String path(Spec spec, String arg) {
        String[] parts = arg.split(":", 2);
        String path = spec.operation(parts[0]).path();
        if (parts.length == 1) return path;
        if (!path.contains("{")) throw new SiteException("operation " + parts[0] + " has no path parameter to fill");
        return path.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(parts[1]));
    }

    private static String securitySchemes(Spec spec) {
        StringBuilder html = new StringBuilder(
                "<div class=\"table-wrap\"><table><thead><tr><th>Scheme</th><th>Header</th><th>How</th></tr></thead><tbody>");
        spec.root().path("components").path("securitySchemes").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            String header = "http".equals(s.path("type").asText())
                    ? "Authorization"
                    : s.path("name").asText();
            html.append("<tr><td>")
                    .append(Html.escape(e.getKey()))
                    .append("</td><td><code>")
                    .append(Html.escape(header))
                    .append("</code></td><td>")
                    .append(InlineMarkdown.render(s.path("description").asText()))
                    .append("</td></tr>");
        });
        return html.append("</tbody></table></div>").toString();
    }

    private static String operations(Spec spec, String root) {
        StringBuilder html = new StringBuilder(
                "<div class=\"table-wrap\"><table class=\"ops\"><thead><tr><th>Method</th><th>Path</th><th>Operation</th><th>Key</th></tr></thead><tbody>");
        for (Spec.Operation op : spec.operations()) {
            boolean open =
                    op.node().has("security") && op.node().get("security").isEmpty();
            html.append("<tr><td><span class=\"method ")
                    .append(op.method().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(op.method())
                    .append("</span></td><td><code>")
                    .append(Html.escape(op.path()))
                    .append("</code></td><td><a href=\"")
                    .append(root)
                    .append("reference.html#")
                    .append(Html.escape(op.referenceAnchor()))
                    .append("\">")
                    .append(Html.escape(op.summary()))
                    .append("</a></td><td>")
                    .append(open ? "none" : "required")
                    .append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    /** Headers and parameters whose names match, from {@code components}; says so plainly when there are none. */
    private static String headersMatching(Spec spec, String regex) {
        Pattern name = Pattern.compile(regex);
        List<String> rows = new ArrayList<>();
        for (String kind : List.of("headers", "parameters")) {
            spec.root().path("components").path(kind).fields().forEachRemaining(e -> {
                String header =
                        "parameters".equals(kind) ? e.getValue().path("name").asText() : e.getKey();
                boolean isHeader = "headers".equals(kind)
                        || "header".equals(e.getValue().path("in").asText());
                if (isHeader && name.matcher(header).find()) {
                    JsonNode example = e.getValue().has("example")
                            ? e.getValue().get("example")
                            : e.getValue().path("schema").path("example");
                    rows.add("<tr><td><code>" + Html.escape(header) + "</code></td><td>"
                            + ("headers".equals(kind) ? "response" : "request")
                            + "</td><td>"
                            + InlineMarkdown.render(
                                    e.getValue().path("description").asText()) + "</td><td>"
                            + (example.isMissingNode() ? "" : "<code>" + Html.escape(example.asText()) + "</code>")
                            + "</td></tr>");
                }
            });
        }
        if (rows.isEmpty()) {
            return "<p class=\"note\">Version " + Html.escape(spec.version())
                    + " of the contract defines no such header yet.</p>";
        }
        return "<div class=\"table-wrap\"><table><thead><tr><th>Header</th><th>Sent in</th><th>Meaning</th><th>Example</th></tr></thead><tbody>"
                + String.join("", rows) + "</tbody></table></div>";
    }

    private static String modelsTable(ModelCatalog catalog, Spec spec, String root) {
        StringBuilder html = new StringBuilder("<div class=\"cards\">");
        for (ModelCatalog.Model m : catalog.models()) {
            html.append("<a class=\"card\" href=\"")
                    .append(root)
                    .append(m.page())
                    .append("\"><span class=\"card-id\">Model ")
                    .append(m.id())
                    .append(" · ")
                    .append(Html.escape(m.seed().path("ticker").asText()))
                    .append("</span><strong>")
                    .append(Html.escape(m.name()))
                    .append("</strong><span>")
                    .append(Html.escape(m.seed().path("description").asText()))
                    .append("</span><span class=\"tags\">");
            m.seed()
                    .path("tags")
                    .forEach(t -> html.append("<span class=\"tag\">")
                            .append(Html.escape(t.asText()))
                            .append("</span>"));
            html.append("</span><code>POST ")
                    .append(Html.escape(spec.baseUrl()))
                    .append(Html.escape(spec.operation("predict").path().replace("{modelRef}", m.id())))
                    .append("</code></a>");
        }
        return html.append("</div>").toString();
    }
}
