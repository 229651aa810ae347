package ai.hokusai.docs;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** CommonMark with tables and heading anchors; fenced blocks go through {@link ExampleBlockRenderer}. */
final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS =
            List.of(TablesExtension.create(), HeadingAnchorExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final Spec spec;

    MarkdownRenderer(Spec spec) {
        this.spec = spec;
    }

    String render(String markdown, String pageId) {
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .nodeRendererFactory(context -> new ExampleBlockRenderer(spec, context.getWriter(), pageId))
                .build();
        return renderer.render(parser.parse(markdown));
    }

    /** A page's title is its first level-one heading. */
    static String title(String markdown, String pageId) {
        return markdown.lines()
                .filter(l -> l.startsWith("# "))
                .findFirst()
                .map(l -> l.substring(2).strip())
                .orElseThrow(() -> new SiteException(pageId + ": a page starts with a '# Title' heading"));
    }
}
