package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One page per seeded model, written as Markdown so its example goes through the same executable-example path
 * as every other page: facts from the registry, input and output tables from the spec, the model card and metrics.
 */
final class ModelPages {

    private final Spec spec;
    private final SchemaTable tables;

    ModelPages(Spec spec) {
        this.spec = spec;
        this.tables = new SchemaTable(spec);
    }

    String markdown(ModelCatalog.Model model) {
        JsonNode seed = model.seed();
        JsonNode deployment = model.activeDeployment();
        String predictPath = spec.operation("predict").path().replace("{modelRef}", model.id());
        String request =
                Json.pretty(spec.at(seed.path("example_request").asText()).path("value"));
        if (request.contains("'"))
            throw new SiteException(
                    "model " + model.id() + ": the example request holds a quote the shell example cannot carry");
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(model.name())
                .append("\n\n")
                .append("<p class=\"lead\">")
                .append(Html.escape(seed.path("description").asText()))
                .append("</p>\n\n")
                .append("<p class=\"tags\">");
        seed.path("tags")
                .forEach(t -> md.append("<span class=\"tag\">")
                        .append(Html.escape(t.asText()))
                        .append("</span>"));
        md.append("</p>\n\n## At a glance\n\n")
                .append(facts(model, deployment))
                .append("\n\n")
                .append("## Call it\n\n")
                .append("Name this model in `modelRef` by its number `")
                .append(model.id())
                .append("`, its slug `")
                .append(model.slug())
                .append("`, or the UUID of one of its deployments (`")
                .append(deployment.path("id").asText())
                .append("`). Send one input object, or an array of up to ")
                .append(seed.path("max_batch_size").asText())
                .append(" inputs.\n\n")
                .append("```curl status=200 response=predict/200\n")
                .append("curl -X POST ")
                .append(spec.baseUrl())
                .append(predictPath)
                .append(" \\\n")
                .append("  -H \"Authorization: Bearer $HOKUSAI_API_KEY\" \\\n")
                .append("  -H \"Content-Type: application/json\" \\\n")
                .append("  -d '")
                .append(request)
                .append("'\n```\n\n")
                .append("## Input\n\nEach input object must satisfy this schema; anything else is answered with ")
                .append("[`invalid_input`](../errors.html#invalid_input) before the model sees it.\n\n")
                .append(tables.render(spec.at(seed.path("input_schema").asText())))
                .append("\n\n")
                .append("## Output\n\nEach prediction in `predictions`:\n\n")
                .append(tables.render(spec.at(seed.path("output_schema").asText())))
                .append("\n\n")
                .append("## Metrics\n\n")
                .append(metrics(model.metrics()))
                .append("\n\n")
                .append("## Model card\n\n<div class=\"model-card\">\n\n")
                .append(demoteHeadings(model.card()))
                .append("\n\n</div>\n");
        return md.toString();
    }

    private String facts(ModelCatalog.Model model, JsonNode deployment) {
        JsonNode seed = model.seed();
        return "<div class=\"table-wrap\"><table class=\"facts-table\"><tbody>"
                + row("Model number", "<code>" + model.id() + "</code>")
                + row("Slug", "<code>" + Html.escape(model.slug()) + "</code>")
                + row("Ticker", Html.escape(seed.path("ticker").asText()))
                + row("Task", Html.escape(seed.path("task").asText()))
                + row("Max batch size", seed.path("max_batch_size").asText() + " inputs per call")
                + row("Cache duration", seed.path("cache_ttl_seconds").asText() + " s after the last call")
                + row(
                        "Live deployment",
                        "<code>" + Html.escape(deployment.path("id").asText()) + "</code> · version "
                                + Html.escape(deployment.path("version").asText()) + " · runtime "
                                + Html.escape(deployment.path("runtime").asText()))
                + row(
                        "Artifact storage",
                        Html.escape(deployment.path("artifact").path("provider").asText()))
                + "</tbody></table></div>";
    }

    private static String row(String key, String valueHtml) {
        return "<tr><th scope=\"row\">" + Html.escape(key) + "</th><td>" + valueHtml + "</td></tr>";
    }

    private static String metrics(JsonNode metrics) {
        StringBuilder html = new StringBuilder("<div class=\"metrics\">");
        metrics.fields().forEachRemaining(m -> {
            if (!m.getValue().isValueNode()) return;
            String value = m.getValue().isFloatingPointNumber() && m.getKey().matches(".*(accuracy|rate)$")
                    ? String.format(Locale.ROOT, "%.1f %%", m.getValue().asDouble() * 100)
                    : m.getValue().asText();
            html.append("<div class=\"metric\"><span class=\"metric-value\">")
                    .append(Html.escape(value))
                    .append("</span><span class=\"metric-name\">")
                    .append(Html.escape(m.getKey().replace('_', ' ')))
                    .append("</span></div>");
        });
        return html.append("</div>").toString();
    }

    /**
     * The card as a section of this page: its Hugging Face front matter and its title (this page's own title) go,
     * and its headings move one level down, under "Model card".
     */
    static String demoteHeadings(String card) {
        String body = card.replace("\r\n", "\n");
        if (body.startsWith("---\n")) {
            int end = body.indexOf("\n---\n", 4);
            if (end > 0) body = body.substring(end + 5);
        }
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        boolean titleDropped = false;
        for (String line : body.split("\n", -1)) {
            if (line.startsWith("```")) inFence = !inFence;
            if (!inFence && !titleDropped && line.startsWith("# ")) {
                titleDropped = true;
                continue;
            }
            out.append(!inFence && line.startsWith("#") ? "#" + line : line).append('\n');
        }
        return out.toString();
    }
}
