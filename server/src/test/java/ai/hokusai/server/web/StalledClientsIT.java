package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stalled clients cannot starve the others: with {@value #STALLED} connections open on loopback that each sent part of
 * a request and stopped — partial headers, partial bodies, with and without a key — health and a keyed predict still
 * answer within a second, and the keyless uploads were refused and closed at once.
 */
class StalledClientsIT extends ServerIntegrationTest {

    static final int STALLED = 1_000;
    private static final long ANSWER_WITHIN_MILLIS = 1_000;
    private static final String PREDICT = "/api/v1/models/21/predict";

    /** What each stalled client sends before it stops; the body is announced longer than what is sent. */
    private static String[] stallingPrefixes(String secret) {
        String key = "Authorization: Bearer " + secret + "\r\n";
        return new String[] {
            "POST " + PREDICT + " HTTP/1.1\r\nHost: localhost\r\nContent-Ty",
            "POST " + PREDICT + " HTTP/1.1\r\nHost: localhost\r\n" + key + "Content-Type: appl",
            "POST " + PREDICT + " HTTP/1.1\r\nHost: localhost\r\n" + key
                    + "Content-Type: application/json\r\nContent-Length: 600\r\n\r\n{\"inputs\": {\"company_",
            "POST /api/v1/api-keys HTTP/1.1\r\nHost: localhost\r\n" + key
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n{\"name\":",
            "POST " + PREDICT + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 600\r\n\r\n{\"inputs\": {\"company_",
        };
    }

    @Test
    void healthAndAKeyedPredictAnswerWithinASecondWhileAThousandConnectionsStall() throws Exception {
        long descriptors =
                ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertThat(descriptors)
                .as("open-file limit (ulimit -n): client and server side of every stalled connection")
                .isGreaterThan(3L * STALLED);
        // A key of its own, with room for every request it makes, so other tests' quotas are untouched.
        TestKeys.Key key = TestKeys.create(http(), List.of("admin"), null, 100_000_000);
        String[] prefixes = stallingPrefixes(key.secret());
        // One call of each before the stall, so what is measured below is the stall, not a cold client or JIT.
        assertThat(http().withKey(key.secret())
                        .postJson(PREDICT, ExampleInputs.predictRequestJson())
                        .status())
                .isEqualTo(200);
        assertThat(http().withKey(null).get("/health/live").status()).isEqualTo(200);
        List<Socket> stalled = new ArrayList<>(STALLED);
        List<Socket> keylessUploads = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                String prefix = prefixes[i % prefixes.length];
                socket.getOutputStream().write(prefix.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
                if (i % prefixes.length == prefixes.length - 1) {
                    keylessUploads.add(socket);
                }
            }

            TestHttp http = http().withKey(key.secret());
            long slowestLive = 0;
            long slowestPredict = 0;
            for (int probe = 0; probe < 5; probe++) {
                long start = System.nanoTime();
                TestHttp.Response live = http.withKey(null).get("/health/live");
                long liveMillis = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                TestHttp.Response predict = http.postJson(PREDICT, ExampleInputs.predictRequestJson());
                long predictMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(live.status()).isEqualTo(200);
                assertThat(predict.status()).isEqualTo(200);
                slowestLive = Math.max(slowestLive, liveMillis);
                slowestPredict = Math.max(slowestPredict, predictMillis);
            }
            System.out.printf(
                    "StalledClientsIT: %d stalled connections; slowest of 5 probes: /health/live %d ms, "
                            + "keyed predict %d ms%n",
                    STALLED, slowestLive, slowestPredict);
            assertThat(slowestLive).isLessThan(ANSWER_WITHIN_MILLIS);
            assertThat(slowestPredict).isLessThan(ANSWER_WITHIN_MILLIS);

            // A keyless upload was answered 401 before its body and its connection closed, not kept to drain it.
            for (Socket upload : keylessUploads.subList(0, 20)) {
                String answer = readUntilClosed(upload, 5_000);
                assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** Everything the server sends until it closes the connection; fails if it is still open after the timeout. */
    private static String readUntilClosed(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server kept the connection of a refused upload open", e);
        }
    }
}
