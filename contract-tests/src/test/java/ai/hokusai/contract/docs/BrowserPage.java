package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One tab: opens a URL and records what a reader would not see but must not happen — console errors, uncaught
 * exceptions, failed loads, and any request that leaves the site (a CDN, a font, a tracker).
 */
final class BrowserPage implements AutoCloseable {

    private final HeadlessChromium browser;
    private final String targetId;
    private final String session;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    BrowserPage(HeadlessChromium browser, int width, int height) {
        this.browser = browser;
        this.targetId = browser.send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        this.session = browser.send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        browser.onEvent(this::record);
        for (String domain : List.of("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"))
            browser.send(session, domain, Map.of());
        browser.send(
                session,
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    private void record(JsonNode event) {
        if (!session.equals(event.path("sessionId").asText())) return;
        JsonNode params = event.path("params");
        switch (event.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.countDown();
            case "Runtime.exceptionThrown" ->
                problems.add("uncaught: "
                        + params.path("exceptionDetails")
                                .path("exception")
                                .path("description")
                                .asText(params.path("exceptionDetails")
                                        .path("text")
                                        .asText()));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert"))
                    problems.add("console." + type + ": " + params.path("args"));
            }
            case "Log.entryAdded" -> {
                if ("error".equals(params.path("entry").path("level").asText())) {
                    problems.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            case "Network.requestWillBeSent" -> {
                String url = params.path("request").path("url").asText();
                if (!(url.startsWith("file:")
                        || url.startsWith("data:")
                        || url.startsWith("blob:")
                        || url.startsWith("about:"))) {
                    problems.add("network request outside the site: " + url);
                }
            }
            default -> {}
        }
    }

    void open(Path file) throws InterruptedException {
        open(file.toUri().toString());
    }

    /** Opens a page by URL, e.g. one served by a running server; only the first load of this page is awaited. */
    void open(String url) throws InterruptedException {
        browser.send(session, "Page.navigate", Map.of("url", url));
        if (!loaded.await(60, TimeUnit.SECONDS)) throw new AssertionError(url + " did not finish loading in 60 s");
    }

    JsonNode eval(String expression) {
        JsonNode result =
                browser.send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails"))
            throw new AssertionError("script failed: " + expression + "\n" + result.get("exceptionDetails"));
        return result.path("result").path("value");
    }

    void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    List<String> hrefs() {
        List<String> hrefs = new ArrayList<>();
        eval("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
                .forEach(h -> hrefs.add(h.asText()));
        return hrefs;
    }

    List<String> ids() {
        List<String> ids = new ArrayList<>();
        eval("[...document.querySelectorAll('[id]')].map(e => e.id)").forEach(h -> ids.add(h.asText()));
        return ids;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void screenshot(Path file) throws Exception {
        String png = browser.send(session, "Page.captureScreenshot", Map.of("format", "png"))
                .path("data")
                .asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() {
        browser.send(null, "Target.closeTarget", Map.of("targetId", targetId));
    }
}
