package ai.hokusai.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Turns fenced code blocks into HTML. Blocks whose info string starts with {@code curl}, {@code java sdk},
 * {@code typescript sdk}, or {@code java openai} and {@code typescript openai} (the official OpenAI clients, run as
 * the SDK examples are) are executable examples: they are marked with {@code data-example} and their expectations,
 * so the doc tests can find, run and check every one of them. A curl call anywhere else is refused, so none can
 * escape those tests.
 *
 * <pre>
 * ```curl status=200 response=predict/200          the documented response example of that operation is shown
 * ```curl status=405 response=predict/405 header=Allow:POST
 * ```java sdk
 * ```typescript sdk prints=/inputs/engagement_score       what it prints (no spaces), beside running to its end
 * ```typescript openai prints=384
 * </pre>
 */
final class ExampleBlockRenderer implements NodeRenderer {

    private final Spec spec;
    private final HtmlWriter html;
    private final String pageId;
    private int counter;

    ExampleBlockRenderer(Spec spec, HtmlWriter html, String pageId) {
        this.spec = spec;
        this.html = html;
        this.pageId = pageId;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String[] info = block.getInfo().trim().split("\\s+");
        String code = block.getLiteral().stripTrailing();
        if ("curl".equals(info[0])) {
            curl(code, attributes(info, 1));
        } else if ("java".equals(info[0]) && info.length > 1 && "sdk".equals(info[1])) {
            sdk(code, "sdk-java", "Java SDK", "java", attributes(info, 2));
        } else if ("typescript".equals(info[0]) && info.length > 1 && "sdk".equals(info[1])) {
            sdk(code, "sdk-typescript", "TypeScript SDK", "typescript", attributes(info, 2));
        } else if ("java".equals(info[0]) && info.length > 1 && "openai".equals(info[1])) {
            sdk(code, "sdk-java", "OpenAI client for Java", "java", attributes(info, 2));
        } else if ("typescript".equals(info[0]) && info.length > 1 && "openai".equals(info[1])) {
            sdk(code, "sdk-typescript", "OpenAI client for Node", "typescript", attributes(info, 2));
        } else {
            if (code.matches("(?s).*\\bcurl\\s.*")) {
                throw new SiteException(
                        pageId + ": a curl command outside a ```curl block would not be tested:\n" + code);
            }
            String lang = info[0].isEmpty() ? "text" : info[0];
            String body = "json".equals(lang) ? JsonHighlighter.highlight(code) : Html.escape(code);
            html.raw("<pre class=\"code " + Html.escape(lang) + "\"><code>" + body + "</code></pre>\n");
        }
    }

    private void curl(String command, Map<String, String> attrs) {
        String status = attrs.get("status");
        if (status == null) throw new SiteException(pageId + ": a ```curl block needs status=<expected HTTP status>");
        String id = pageId + "-example-" + (++counter);
        StringBuilder out = new StringBuilder("<figure class=\"example\" id=\"")
                .append(id)
                .append("\">")
                .append("<figcaption><span class=\"lang\">curl</span><span class=\"expect\">")
                .append(status.startsWith("2") ? "ok" : "error")
                .append(" · ")
                .append(status)
                .append("</span></figcaption>")
                .append("<pre class=\"code shell\" data-example=\"curl\" data-expect-status=\"")
                .append(status)
                .append('"');
        String header = attrs.get("header");
        if (header != null)
            out.append(" data-expect-header=\"").append(Html.escape(header)).append('"');
        String response = attrs.get("response");
        String[] ref = response == null ? null : response.split("/");
        if (ref != null && ref.length != 2)
            throw new SiteException(pageId + ": response= takes <operationId>/<status>, got " + response);
        if (ref != null) {
            out.append(" data-expect-response=\"").append(id).append("-response\"");
            List<String> freeForm = spec.freeFormPaths(ref[0], ref[1]);
            if (!freeForm.isEmpty())
                out.append(" data-expect-free-form=\"")
                        .append(Html.escape(String.join(" ", freeForm)))
                        .append('"');
        }
        out.append("><code>").append(Html.escape(command)).append("</code></pre>");
        if (ref != null) {
            out.append("<div class=\"response-label\">Response</div>")
                    .append("<pre class=\"code json response\" id=\"")
                    .append(id)
                    .append("-response\"><code>")
                    .append(JsonHighlighter.highlight(Json.pretty(spec.responseExample(ref[0], ref[1]))))
                    .append("</code></pre>");
        }
        html.raw(out.append("</figure>\n").toString());
    }

    private void sdk(String code, String kind, String caption, String lang, Map<String, String> attrs) {
        String id = pageId + "-example-" + (++counter);
        String prints = attrs.remove("prints");
        if (!attrs.isEmpty())
            throw new SiteException(pageId + ": an SDK example takes only prints=<text>, got " + attrs.keySet());
        html.raw("<figure class=\"example\" id=\"" + id
                + "\"><figcaption><span class=\"lang\">" + caption + "</span></figcaption>"
                + "<pre class=\"code " + lang + "\" data-example=\"" + kind + "\""
                + (prints == null ? "" : " data-expect-output=\"" + Html.escape(prints) + "\"")
                + "><code>" + Html.escape(code)
                + "</code></pre></figure>\n");
    }

    /** The {@code key=value} words of the info string from {@code first} on. */
    private Map<String, String> attributes(String[] info, int first) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = first; i < info.length; i++) {
            int eq = info[i].indexOf('=');
            if (eq < 1)
                throw new SiteException(pageId + ": expected key=value in the example info string, got " + info[i]);
            attrs.put(info[i].substring(0, eq), info[i].substring(eq + 1));
        }
        return attrs;
    }
}
