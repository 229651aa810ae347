package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A body is read whole however it arrives: with its headers, in pieces some time apart, with or without a declared
 * length. Pieces that arrive later are read without holding a thread, and a body that grows past
 * {@code max-request-bytes} while it arrives is refused with 413.
 */
class BodyArrivalIT extends ServerIntegrationTest {

    private static final String PREDICT = "/api/v1/models/21/predict";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String secret;

    @BeforeEach
    void key() {
        secret = TestKeys.create(http(), List.of("predict"), null, 100_000).secret();
    }

    @Test
    void aBodyOfDeclaredLengthThatArrivesInPiecesIsPredictedWhole() throws Exception {
        byte[] body = ExampleInputs.predictBatchJson(60).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("larger than one read of the body").isGreaterThan(8192);

        JsonNode answer = predicted(send(head("Content-Length: " + body.length), pieces(body, 3)));

        assertThat(answer.get("predictions")).hasSize(60);
    }

    @Test
    void aChunkedBodyIsPredictedWhole() throws Exception {
        byte[] body = ExampleInputs.predictBatchJson(40).getBytes(StandardCharsets.UTF_8);

        JsonNode answer = predicted(send(head("Transfer-Encoding: chunked"), chunked(pieces(body, 4))));

        assertThat(answer.get("predictions")).hasSize(40);
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIs413() throws Exception {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) ' ');
        byte[][] pieces = new byte[18][];
        Arrays.fill(pieces, piece);

        String answer = send(head("Transfer-Encoding: chunked"), chunked(pieces));

        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
    }

    private String head(String framing) {
        return "POST " + PREDICT + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                + secret + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
    }

    private static byte[][] pieces(byte[] body, int count) {
        byte[][] pieces = new byte[count][];
        int size = (body.length + count - 1) / count;
        for (int i = 0; i < count; i++) {
            pieces[i] =
                    Arrays.copyOfRange(body, Math.min(body.length, i * size), Math.min(body.length, (i + 1) * size));
        }
        return pieces;
    }

    private static byte[][] chunked(byte[][] pieces) {
        byte[][] chunks = new byte[pieces.length + 1][];
        for (int i = 0; i < pieces.length; i++) {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            chunk.writeBytes((Integer.toHexString(pieces[i].length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.writeBytes(pieces[i]);
            chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            chunks[i] = chunk.toByteArray();
        }
        chunks[pieces.length] = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return chunks;
    }

    /** Sends the head, then each piece 150 ms after the one before; returns everything answered. */
    private String send(String head, byte[][] pieces) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                for (byte[] piece : pieces) {
                    Thread.sleep(150);
                    out.write(piece);
                    out.flush();
                }
            } catch (IOException e) {
                // The server answered and closed before the whole body was sent (413); read its answer.
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode predicted(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 200");
        int end = answer.indexOf("\r\n\r\n");
        String body = answer.substring(end + 4);
        if (answer.substring(0, end).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            StringBuilder whole = new StringBuilder();
            int at = 0;
            for (int size;
                    (size = Integer.parseInt(
                                    body.substring(at, body.indexOf("\r\n", at)).trim(), 16))
                            > 0; ) {
                int start = body.indexOf("\r\n", at) + 2;
                whole.append(body, start, start + size);
                at = start + size + 2;
            }
            body = whole.toString();
        }
        return JSON.readTree(body);
    }
}
