package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.hokusai.testsupport.ServerLauncher;
import org.junit.jupiter.api.Test;

/**
 * The packaged server warms its request path up before it reports ready, and the warm-up is no one's traffic: it
 * leaves no access line and counts in no metric.
 */
class StartupWarmUpIT {

    private static final Pattern WARMED = Pattern.compile("Warmed up in \\d+ ms \\((\\d+) rounds\\)");

    @Test
    void readinessTurnsReadyOnlyAfterAWarmUpThatLeavesNoTrace() throws Exception {
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        try (ServerLauncher server = ServerLauncher.builder()
                .arg("--management.server.port=" + managementPort).start()) {
            List<String> log = Files.readAllLines(server.log());

            int warmed = indexOf(log, line -> WARMED.matcher(line).find());
            assertThat(warmed).as("the warm-up's line in\n" + server.logTail()).isNotNegative();
            Matcher rounds = WARMED.matcher(log.get(warmed));
            assertThat(rounds.find()).isTrue();
            assertThat(Integer.parseInt(rounds.group(1))).isPositive();
            int firstReady = indexOf(log, line -> line.contains("GET /health/ready getReadiness 200"));
            assertThat(firstReady).as("readiness answers 200 only after the warm-up ended").isGreaterThan(warmed);

            List<String> accessLines = log.stream().filter(line -> line.contains("ai.hokusai.access")).toList();
            assertThat(accessLines).as("the launcher's readiness polls are the only requests").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("GET /health/ready getReadiness"));

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("http_server_requests_seconds_count{")
                    .doesNotContain("uri=\"/health/live\"")
                    .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"");
        }
    }

    private static int indexOf(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
