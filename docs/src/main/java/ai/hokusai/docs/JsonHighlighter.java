package ai.hokusai.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colours JSON on the server side, so pages need no script; the text content stays the exact JSON. */
final class JsonHighlighter {
    private JsonHighlighter() {}

    private static final Pattern TOKEN = Pattern.compile(
            "(\"(?:\\\\.|[^\"\\\\])*\")(\\s*:)?|(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)|\\b(true|false|null)\\b");

    static String highlight(String json) {
        Matcher m = TOKEN.matcher(json);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(Html.escape(json.substring(last, m.start())));
            if (m.group(1) != null) {
                String cls = m.group(2) != null ? "k" : "s";
                out.append("<span class=\"")
                        .append(cls)
                        .append("\">")
                        .append(Html.escape(m.group(1)))
                        .append("</span>");
                if (m.group(2) != null) out.append(Html.escape(m.group(2)));
            } else if (m.group(3) != null) {
                out.append("<span class=\"n\">").append(m.group(3)).append("</span>");
            } else {
                out.append("<span class=\"l\">").append(m.group(4)).append("</span>");
            }
            last = m.end();
        }
        return out.append(Html.escape(json.substring(last))).toString();
    }

    static String block(String json) {
        return "<pre class=\"code json\"><code>" + highlight(json) + "</code></pre>";
    }
}
