package ai.hokusai.docs;

import java.util.ArrayList;
import java.util.List;

/** The sidebar: every page of the site, in reading order, grouped in sections. */
final class Navigation {

    record Entry(String section, String title, String href) {}

    private final List<Entry> entries = new ArrayList<>();

    Navigation add(String section, String title, String href) {
        entries.add(new Entry(section, title, href));
        return this;
    }

    List<Entry> entries() {
        return entries;
    }

    String sidebar(String current, String root) {
        StringBuilder html = new StringBuilder("<nav class=\"sidebar\" aria-label=\"Documentation\">");
        String section = null;
        for (Entry e : entries) {
            if (!e.section().equals(section)) {
                if (section != null) html.append("</ul>");
                section = e.section();
                html.append("<p class=\"nav-section\">")
                        .append(Html.escape(section))
                        .append("</p><ul>");
            }
            html.append("<li><a href=\"")
                    .append(root)
                    .append(e.href())
                    .append('"')
                    .append(e.href().equals(current) ? " class=\"active\" aria-current=\"page\"" : "")
                    .append('>')
                    .append(Html.escape(e.title()))
                    .append("</a></li>");
        }
        return html.append("</ul></nav>").toString();
    }
}
