package ai.hokusai.docs;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Spec descriptions are CommonMark; inside tables they are rendered without the wrapping paragraph. */
final class InlineMarkdown {
    private InlineMarkdown() {}

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

    static String render(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown)).strip();
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 1) < 0) {
            html = html.substring(3, html.length() - 4);
        }
        // Generated HTML is embedded in Markdown pages as HTML blocks, which a blank line would end.
        return html.replace("\n\n", "\n");
    }
}
