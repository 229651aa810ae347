package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ServerLauncher;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built site as a reader's browser shows it, opened from disk: the reference renders every operation of the
 * contract, and no page logs an error, fetches anything from outside the site, or links to a page or anchor
 * that does not exist. Keeps a screenshot of the reference for review.
 */
class DocsInBrowserIT {

    private static final String REFERENCE = "reference.html";
    private static final String REDOC_OPERATIONS = "document.querySelectorAll('[id*=\"/operation/\"]').length";

    private static DocSite site;
    private static HeadlessChromium browser;

    @BeforeAll
    static void launch() throws Exception {
        site = DocSite.built();
        browser = HeadlessChromium.launch();
    }

    @AfterAll
    static void quit() throws Exception {
        if (browser != null) browser.close();
    }

    @Test
    void theReferenceRendersEveryOperationOfTheContract() throws Exception {
        JsonNode spec = PublishedSpec.read(site);
        try (BrowserPage page = new BrowserPage(browser, 1400, 2000)) {
            page.open(site.root().resolve(REFERENCE));
            awaitRedoc(page);
            String text =
                    page.eval("document.getElementById('redoc').innerText").asText();
            Set<String> ids = new HashSet<>(page.ids());
            List<String> operations = new ArrayList<>();
            spec.path("paths")
                    .forEach(path -> path.forEach(op -> {
                        if (!op.has("operationId")) return;
                        operations.add(op.get("operationId").asText());
                        String anchor = "tag/" + op.path("tags").path(0).asText() + "/operation/"
                                + op.get("operationId").asText();
                        assertThat(ids)
                                .as("rendered section for "
                                        + op.get("operationId").asText())
                                .contains(anchor);
                        assertThat(text)
                                .as("summary of " + op.get("operationId").asText())
                                .contains(op.path("summary").asText());
                    }));
            assertThat(operations).hasSizeGreaterThanOrEqualTo(10);
            assertThat(page.problems()).isEmpty();
            Path screenshot = Path.of(System.getProperty("hokusai.docs.screenshot", "target/reference.png"));
            page.screenshot(screenshot);
            assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        }
    }

    private static final String CHOOSE = "(() => { const s = document.querySelector('.baseurl select');"
            + " s.value = %s; s.dispatchEvent(new Event('change')); return s.value; })()";
    private static final String CURL_EXAMPLES =
            "JSON.stringify([...document.querySelectorAll('pre[data-example=curl]')].map(e => e.textContent))";
    private static final String OPTIONS =
            "JSON.stringify([...document.querySelectorAll('.baseurl select option')].map(o => o.value))";

    /**
     * Served by a real server on localhost, the site offers that server's origin beside production, and choosing one
     * rewrites the examples' URLs to it, on a guide page and in the reference's request samples.
     */
    @Test
    void aSiteServedByAServerOffersItsOriginAndTheExamplesFollowTheChoice() throws Exception {
        String production = PublishedSpec.baseUrl(site).replaceAll("/$", "");
        try (ServerLauncher server = ServerLauncher.start()) {
            String origin = server.baseUrl();
            try (BrowserPage page = new BrowserPage(browser, 1400, 1000)) {
                page.open(origin + "/docs/quickstart.html");
                page.waitUntil(
                        "the base URL switch",
                        Duration.ofSeconds(20),
                        () -> page.eval(OPTIONS).asText().contains(origin));
                assertThat(page.eval(OPTIONS).asText()).isEqualTo("[\"" + production + "\",\"" + origin + "\"]");

                assertThat(page.eval(CHOOSE.formatted("'" + origin + "'")).asText())
                        .isEqualTo(origin);
                String local = page.eval(CURL_EXAMPLES).asText();
                assertThat(local).contains(origin + "/api/v1/").doesNotContain(production);

                assertThat(page.eval(CHOOSE.formatted("'" + production + "'")).asText())
                        .isEqualTo(production);
                String published = page.eval(CURL_EXAMPLES).asText();
                assertThat(published).contains(production + "/api/v1/").doesNotContain(origin);
                assertThat(published.replace(production, origin)).isEqualTo(local);
                page.eval(CHOOSE.formatted("'" + origin + "'"));
            }
            try (BrowserPage page = new BrowserPage(browser, 1400, 2000)) {
                page.open(origin + "/docs/" + REFERENCE);
                awaitRedoc(page);
                assertThat(page.eval(OPTIONS).asText()).contains(origin);
                String samples =
                        page.eval("document.getElementById('redoc').innerText").asText();
                assertThat(samples)
                        .as("the reference's request samples with this server chosen")
                        .contains("curl " + origin + "/api/v1/models")
                        .doesNotContain("curl " + production);
            }
        }
    }

    /** What sticks out sideways: the page past the window, or a table, card or example past its own box. */
    private static final String HORIZONTAL_OVERFLOW = "(() => { const out = []; const d = document.documentElement;"
            + " if (d.scrollWidth > window.innerWidth) out.push('the page is ' + d.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window');"
            + " document.querySelectorAll('.table-wrap, section.problem, figure.example').forEach(e => {"
            + " if (e.scrollWidth > e.clientWidth + 1) out.push((e.id || e.className) + ' holds ' + e.scrollWidth + 'px in ' + e.clientWidth + 'px'); });"
            + " return JSON.stringify(out); })()";

    @Test
    void theErrorsPageFitsDesktopAndPhoneWidths() throws Exception {
        for (int width : new int[] {1400, 390}) {
            try (BrowserPage page = new BrowserPage(browser, width, 900)) {
                page.open(site.root().resolve("errors.html"));
                String overflow = page.eval(HORIZONTAL_OVERFLOW).asText();
                assertThat(overflow)
                        .as("horizontal overflow of errors.html at %dpx", width)
                        .isEqualTo("[]");
            }
        }
    }

    @Test
    void noPageHasConsoleErrorsOutsideRequestsOrBrokenLinks() throws Exception {
        Map<String, Set<String>> idsByPage = new HashMap<>();
        Map<String, List<String>> linksByPage = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : site.pages()) {
            String name = site.relative(file);
            try (BrowserPage page = new BrowserPage(browser, 1400, 1000)) {
                page.open(file);
                if (name.equals(REFERENCE)) awaitRedoc(page);
                page.problems().forEach(p -> problems.add(name + ": " + p));
                idsByPage.put(name, new HashSet<>(page.ids()));
                linksByPage.put(name, page.hrefs());
            }
        }
        assertThat(idsByPage)
                .containsKeys("index.html", "quickstart.html", "errors.html", "models/21.html", "changelog.html");
        linksByPage.forEach((name, hrefs) -> {
            for (String href : hrefs) {
                String broken = brokenLink(name, href, idsByPage);
                if (broken != null) problems.add(name + ": " + broken);
            }
        });
        assertThat(problems).isEmpty();
    }

    /** Null when the link resolves; otherwise why not. External links are the reference's business only. */
    private static String brokenLink(String page, String href, Map<String, Set<String>> idsByPage) {
        // mailto: for support; blob: is the reference's "Download" button, made in the page from the embedded spec.
        if (href.startsWith("mailto:") || href.startsWith("blob:")) return null;
        if (href.startsWith("http://") || href.startsWith("https://")) {
            return page.equals(REFERENCE) ? null : "links outside the site: " + href;
        }
        int hash = href.indexOf('#');
        String target = hash < 0 ? href : href.substring(0, hash);
        String fragment = hash < 0 ? null : href.substring(hash + 1);
        String targetPage = page;
        if (!target.isEmpty()) {
            Path resolved =
                    site.root().resolve(page).getParent().resolve(target).normalize();
            if (Files.isDirectory(resolved)) resolved = resolved.resolve("index.html");
            if (!resolved.startsWith(site.root()) || !Files.isRegularFile(resolved)) return "broken link " + href;
            targetPage = site.relative(resolved);
        }
        if (fragment == null || fragment.isEmpty() || !targetPage.endsWith(".html")) return null;
        String id = java.net.URLDecoder.decode(fragment, java.nio.charset.StandardCharsets.UTF_8);
        Set<String> ids = idsByPage.get(targetPage);
        return ids != null && ids.contains(id) ? null : "no #" + id + " on " + targetPage + " (link " + href + ")";
    }

    private static void awaitRedoc(BrowserPage page) throws InterruptedException {
        page.waitUntil(
                "Redoc to render the operations",
                Duration.ofSeconds(60),
                () -> page.eval(REDOC_OPERATIONS).asInt() > 0);
        // Redoc renders in chunks; wait until the count stops growing.
        int before;
        do {
            before = page.eval(REDOC_OPERATIONS).asInt();
            Thread.sleep(500);
        } while (page.eval(REDOC_OPERATIONS).asInt() != before);
    }
}
