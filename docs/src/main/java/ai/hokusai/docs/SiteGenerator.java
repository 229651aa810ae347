package ai.hokusai.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the docs site from the contract, the registry's seed data, the model cards and the Markdown sources.
 * Run by the build ({@code exec:java} in process-classes) with {@code --spec= --seed= --models= --sources= --redoc= --out=}.
 */
public final class SiteGenerator {

    /** A hand-written page: its Markdown source, where it lands, and where the sidebar lists it. */
    record Page(String source, String href, String section, String navTitle) {}

    static final List<Page> PAGES = List.of(
            new Page("index.md", "index.html", "Getting started", "Overview"),
            new Page("quickstart.md", "quickstart.html", "Getting started", "Quickstart"),
            new Page("authentication.md", "authentication.html", "Getting started", "Authentication"),
            new Page("accounts.md", "accounts.html", "Getting started", "Accounts & ownership"),
            new Page("rate-limits.md", "rate-limits.html", "Getting started", "Rate limits"),
            new Page("idempotency.md", "idempotency.html", "Getting started", "Idempotency"),
            new Page("java-sdk.md", "java-sdk.html", "Getting started", "Java SDK"),
            new Page(
                    "clients-you-already-have.md",
                    "clients-you-already-have.html",
                    "Getting started",
                    "Use the clients you already have"),
            new Page(
                    "open-inference-protocol.md",
                    "open-inference-protocol.html",
                    "Getting started",
                    "Open Inference Protocol"),
            new Page("errors.md", ErrorReference.PAGE, "Reference", "Errors"),
            new Page("models.md", "models/index.html", "Models", "Catalog"),
            new Page("deploy-a-model.md", "deploy-a-model.html", "Models", "Register and deploy"),
            new Page("changelog.md", "changelog.html", "Changes", "Changelog & migration"),
            new Page("configuration.md", "configuration.html", "Operations", "Configuration"),
            new Page("operations.md", "operations.html", "Operations", "Running a fleet"),
            new Page("how-it-is-proven.md", "how-it-is-proven.html", "Operations", "How the contract is proven"));

    public static void main(String[] args) throws IOException {
        Map<String, Path> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("expected --name=path, got " + arg);
            opts.put(arg.substring(2, eq), Path.of(arg.substring(eq + 1)));
        }
        for (String required : List.of("spec", "seed", "models", "sources", "redoc", "out")) {
            if (!opts.containsKey(required)) throw new IllegalArgumentException("missing --" + required + "=");
        }
        int pages = generate(
                opts.get("spec"),
                opts.get("seed"),
                opts.get("models"),
                opts.get("sources"),
                opts.get("redoc"),
                opts.get("out"));
        System.out.println("[docs] " + pages + " pages written to " + opts.get("out"));
    }

    static int generate(Path specFile, Path seedFile, Path modelsDir, Path sources, Path redoc, Path out)
            throws IOException {
        Spec spec = Spec.load(specFile);
        ModelCatalog catalog = ModelCatalog.load(seedFile, modelsDir);
        checkEverySourceIsListed(sources);
        clean(out);

        Navigation nav = new Navigation();
        for (Page page : PAGES) {
            nav.add(page.section(), page.navTitle(), page.href());
            if (page.href().equals(ErrorReference.PAGE)) nav.add("Reference", "API reference", ReferencePage.HREF);
            if (page.href().equals("models/index.html")) {
                catalog.models().forEach(m -> nav.add("Models", "Model " + m.id() + " · " + m.name(), m.page()));
            }
        }
        Layout layout = new Layout(spec, nav);
        MarkdownRenderer markdown = new MarkdownRenderer(spec);

        int written = 0;
        for (Page page : PAGES) {
            String source = Files.readString(sources.resolve(page.source()));
            written += writePage(out, page.href(), source, spec, catalog, markdown, layout);
        }
        ModelPages modelPages = new ModelPages(spec);
        for (ModelCatalog.Model model : catalog.models()) {
            written += writePage(out, model.page(), modelPages.markdown(model), spec, catalog, markdown, layout);
        }
        new ReferencePage(spec).write(out, redoc, specFile, layout);
        copyAssets(sources.resolve("assets"), out.resolve("assets"));
        return written + 1;
    }

    private static int writePage(
            Path out,
            String href,
            String source,
            Spec spec,
            ModelCatalog catalog,
            MarkdownRenderer markdown,
            Layout layout)
            throws IOException {
        String pageId = href.replace(".html", "").replace('/', '-');
        String text = new Placeholders(spec, catalog, Layout.rootOf(href)).apply(source, pageId);
        String html = layout.page(href, MarkdownRenderer.title(text, pageId), markdown.render(text, pageId));
        Path file = out.resolve(href);
        Files.createDirectories(file.getParent());
        Files.writeString(file, html);
        return 1;
    }

    /** A Markdown source nobody links from the sidebar would be an orphan page; refuse it. */
    private static void checkEverySourceIsListed(Path sources) throws IOException {
        Set<String> listed = PAGES.stream().map(Page::source).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(sources)) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !listed.contains(n))
                    .toList();
            if (!orphans.isEmpty()) throw new SiteException("pages not listed in SiteGenerator.PAGES: " + orphans);
        }
    }

    private static void clean(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(out);
    }

    private static void copyAssets(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList())
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
