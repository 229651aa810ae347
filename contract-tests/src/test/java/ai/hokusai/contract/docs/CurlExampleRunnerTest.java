package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The doc test's own test: the quickstart's predict example, taken from the built site, is run against a stand-in
 * server. It passes when the server answers what the page shows, and fails when the answer or the example drifts.
 */
class CurlExampleRunnerTest {

    private static final String KEY = "hk_test_runner";

    private HttpServer fake;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private DocSite.Example predict;
    private CurlExampleRunner runner;

    @BeforeEach
    void startStandIn() throws Exception {
        DocSite site = DocSite.built();
        predict = site.examples().stream()
                .filter(e -> e.page().equals("quickstart.html") && e.code().contains("-X POST"))
                .findFirst()
                .orElseThrow();
        answer.set(predict.expectBody().toString());
        String path = new java.net.URI(predict.code().replaceAll("(?s).*?(https?://\\S+).*", "$1")).getPath();
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            boolean authorised =
                    ("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean rightCall = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals(path);
            byte[] body = (rightCall && authorised ? answer.get() : "{\"code\":\"route_not_found\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(rightCall && authorised ? status.get() : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        runner = new CurlExampleRunner(
                PublishedSpec.baseUrl(site),
                "http://127.0.0.1:" + fake.getAddress().getPort(),
                KEY);
    }

    @AfterEach
    void stopStandIn() {
        fake.stop(0);
    }

    @Test
    void anExampleThatAnswersWhatThePageShowsPasses() throws Exception {
        assertThat(CurlExampleRunner.mismatches(predict, runner.run(predict))).isEmpty();
    }

    @Test
    void aResponseWhoseFieldsDriftedFromThePageFails() throws Exception {
        answer.set(answer.get().replace("\"lead_score\"", "\"score\""));
        assertThat(CurlExampleRunner.mismatches(predict, runner.run(predict)))
                .contains("body /predictions/lead_score: documented but missing from the response");
    }

    @Test
    void aResponseWithAnotherStatusFails() throws Exception {
        status.set(500);
        assertThat(CurlExampleRunner.mismatches(predict, runner.run(predict)))
                .contains("status 500, the page promises 200");
    }

    @Test
    void anExampleWhosePathDriftedFails() throws Exception {
        DocSite.Example drifted = new DocSite.Example(
                predict.page(),
                predict.id(),
                predict.kind(),
                predict.code().replace("/predict", "/predictions"),
                predict.expectStatus(),
                predict.expectHeader(),
                predict.expectBody(),
                predict.freeFormPaths(),
                predict.expectOutput());
        assertThat(CurlExampleRunner.mismatches(drifted, runner.run(drifted)))
                .contains("status 404, the page promises 200");
    }
}
