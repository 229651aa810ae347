package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The built docs site on disk, and the executable examples marked in its pages. */
final class DocSite {

    /**
     * One example as a reader sees it, with what the page promises it answers (a curl example) or prints (an SDK
     * example; empty when the page promises only that it runs to its end).
     */
    record Example(
            String page,
            String id,
            String kind,
            String code,
            int expectStatus,
            String expectHeader,
            JsonNode expectBody,
            Set<String> freeFormPaths,
            String expectOutput) {
        @Override
        public String toString() {
            return page + "#" + id;
        }

        /** The same example with other code, as the runners aim it at the test server. */
        Example withCode(String otherCode) {
            return new Example(
                    page, id, kind, otherCode, expectStatus, expectHeader, expectBody, freeFormPaths, expectOutput);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    DocSite(Path root) {
        // Absolute and normalised, so links resolved against it can be compared with it.
        this.root = root.toAbsolutePath().normalize();
    }

    /** The site the build wrote; fails (never skips) when it is not there. */
    static DocSite built() {
        String dir = System.getProperty("hokusai.docs.site");
        if (dir == null) throw new IllegalStateException("system property hokusai.docs.site is not set");
        Path root = Path.of(dir);
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            throw new IllegalStateException("no built docs site at " + root + ": build the docs module first");
        }
        return new DocSite(root);
    }

    Path root() {
        return root;
    }

    List<Path> pages() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String relative(Path page) {
        return root.relativize(page).toString().replace('\\', '/');
    }

    Document parse(Path page) {
        try {
            return Jsoup.parse(page.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        for (Path page : pages()) examples.addAll(examples(relative(page), parse(page)));
        return examples;
    }

    static List<Example> examples(String page, Document doc) {
        List<Example> examples = new ArrayList<>();
        for (Element pre : doc.select("pre[data-example]")) {
            String id = pre.parent() != null && pre.parent().hasAttr("id")
                    ? pre.parent().id()
                    : "example-" + examples.size();
            JsonNode body = null;
            String responseId = pre.attr("data-expect-response");
            if (!responseId.isEmpty()) {
                Element response = doc.getElementById(responseId);
                if (response == null)
                    throw new IllegalStateException(
                            page + ": example " + id + " names a missing response block " + responseId);
                body = readJson(response.wholeText(), page + "#" + responseId);
            }
            String status = pre.attr("data-expect-status");
            examples.add(new Example(
                    page,
                    id,
                    pre.attr("data-example"),
                    pre.wholeText(),
                    status.isEmpty() ? -1 : Integer.parseInt(status),
                    pre.attr("data-expect-header"),
                    body,
                    Set.of(pre.attr("data-expect-free-form").split(" ")).stream()
                            .filter(p -> !p.isEmpty())
                            .collect(Collectors.toSet()),
                    pre.attr("data-expect-output")));
        }
        return examples;
    }

    /** Code blocks that mention curl but are not marked as examples: these would escape the doc tests. */
    static List<String> unmarkedCurlBlocks(String page, Document doc) {
        List<String> unmarked = new ArrayList<>();
        for (Element pre : doc.select("pre")) {
            if (!pre.hasAttr("data-example") && pre.wholeText().matches("(?s).*\\bcurl\\s.*"))
                unmarked.add(page + ": " + pre.wholeText());
        }
        return unmarked;
    }

    private static JsonNode readJson(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(where + " is not JSON: " + e.getMessage());
        }
    }
}
