package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A client that hangs up before its answer is written (a timeout, a closed tab, a load generator stopping) is not a
 * failure of the server: it is not logged as an error with a stack trace, and the server goes on answering.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientHangUpIT extends ServerIntegrationTest {

    private static final String WENT_AWAY = "The client went away before the answer to POST";
    private static final int ATTEMPTS = 200;

    @Test
    void aClientThatHangsUpBeforeItsAnswerIsNotAServerError(CapturedOutput output) throws Exception {
        String secret =
                TestKeys.create(http(), List.of("predict"), null, 100_000).secret();
        byte[] body = ExampleInputs.predictBatchJson(100).getBytes(StandardCharsets.UTF_8);
        byte[] request = ("POST /api/v1/models/21/predict HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + secret + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(ProblemAdvice.class.getName(), LogLevel.DEBUG);
        int attempts = 0;
        try {
            // Whether the hang-up reaches the server before or after its first write is the kernel's timing, so the
            // client hangs up until the server has seen one arrive while it wrote (the answer of 100 leads takes
            // more than one write).
            while (attempts < ATTEMPTS && !output.getAll().contains(WENT_AWAY)) {
                attempts++;
                try (Socket socket = new Socket("localhost", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.write(body);
                    out.flush();
                }
                Thread.sleep(20);
            }
        } finally {
            logging.setLogLevel(ProblemAdvice.class.getName(), null);
        }

        assertThat(output.getAll())
                .as("a hang-up while the answer was written, within %d attempts", ATTEMPTS)
                .contains(WENT_AWAY)
                .doesNotContain("Unexpected failure")
                .doesNotContain("Broken pipe");
        assertThat(http().withKey(secret)
                        .postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson())
                        .status())
                .isEqualTo(200);
    }
}
