package ai.hokusai.docs;

/** The frame every page shares: top bar with the one base URL, sidebar, content, footer. No external fonts or scripts. */
final class Layout {

    private static final String LOGO = "<svg class=\"logo\" viewBox=\"0 0 32 32\" aria-hidden=\"true\">"
            + "<rect width=\"32\" height=\"32\" rx=\"7\" fill=\"#1e3a8a\"/>"
            + "<path d=\"M4 22c4 0 5-9 12-9 4 0 6 3 5 6-1-2-3-3-5-2 3 1 4 4 2 6 5 0 8-4 10-7v10H4z\" fill=\"#e0ecff\"/>"
            + "<circle cx=\"24\" cy=\"9\" r=\"3\" fill=\"#fbbf24\"/></svg>";

    private final Spec spec;
    private final Navigation nav;

    Layout(Spec spec, Navigation nav) {
        this.spec = spec;
        this.nav = nav;
    }

    String page(String href, String title, String body) {
        String root = rootOf(href);
        return head(title, root, "")
                + "<body>" + topBar(root)
                + "<div class=\"layout\">" + nav.sidebar(href, root)
                + "<main class=\"content\"><article>" + body + "</article>" + footer(root) + "</main></div>"
                + "<script src=\"" + root + "assets/baseurl.js\"></script></body></html>\n";
    }

    /** The reference page gives Redoc the full width under the top bar. */
    String referencePage(String title, String scripts) {
        return head(title, "", "<style>body{overflow-y:auto}</style>")
                + "<body class=\"reference\">" + topBar("")
                + "<div id=\"redoc\" role=\"main\"><p class=\"loading\">Loading the API reference…</p></div>"
                + scripts + "</body></html>\n";
    }

    static String rootOf(String href) {
        return "../".repeat((int) href.chars().filter(c -> c == '/').count());
    }

    private String head(String title, String root, String extra) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · " + Html.escape(spec.title()) + "</title>"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<link rel=\"stylesheet\" href=\"" + root + "assets/site.css\">" + extra + "</head>";
    }

    private String topBar(String root) {
        return "<header class=\"topbar\"><a class=\"brand\" href=\"" + root + "index.html\">" + LOGO
                + "<span>Hokusai</span><span class=\"brand-sub\">Model API</span></a>"
                + "<span class=\"version\">v" + Html.escape(spec.version()) + "</span>"
                + "<nav class=\"top\" aria-label=\"Main\"><a href=\"" + root + "quickstart.html\">Quickstart</a>"
                + "<a href=\"" + root + "reference.html\">API reference</a><a href=\"" + root
                + "errors.html\">Errors</a>"
                + "<a href=\"" + root + "models/index.html\">Models</a><a href=\"" + root
                + "changelog.html\">Changelog</a></nav>"
                + "<span class=\"baseurl\" title=\"The base URL the examples call\" data-production=\""
                + Html.escape(spec.baseUrl())
                + "\"><span>Base URL</span><code>" + Html.escape(spec.baseUrl())
                + "</code></span></header>";
    }

    private String footer(String root) {
        return "<footer class=\"footer\">Generated from <a href=\"" + root + "openapi.yaml\">openapi.yaml</a> version "
                + Html.escape(spec.version())
                + ". Every example on this site runs against the server in the build.</footer>";
    }
}
