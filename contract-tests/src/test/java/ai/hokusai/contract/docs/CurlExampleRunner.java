package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a curl example exactly as a reader would paste it into bash, with only two things changed: the published
 * base URL becomes the test server's, and {@code HOKUSAI_API_KEY} holds a key that server knows. A shell function
 * named curl adds {@code -sS} and prints the HTTP status on a last line, so the example's text itself is untouched.
 */
final class CurlExampleRunner {

    record Result(int status, String headers, String body) {}

    private static final String STATUS_MARK = "__HTTP_STATUS__:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String publishedBaseUrl;
    private final String testBaseUrl;
    private final String apiKey;

    CurlExampleRunner(String publishedBaseUrl, String testBaseUrl, String apiKey) {
        this.publishedBaseUrl = publishedBaseUrl;
        this.testBaseUrl = testBaseUrl;
        this.apiKey = apiKey;
    }

    Result run(DocSite.Example example) throws IOException, InterruptedException {
        if (!example.code().contains(publishedBaseUrl)) {
            throw new AssertionError(
                    example + " does not call the published base URL " + publishedBaseUrl + ":\n" + example.code());
        }
        String script = "curl() { command curl -sS -w '\\n" + STATUS_MARK + "%{http_code}' \"$@\"; }\n"
                + example.code().replace(publishedBaseUrl, testBaseUrl) + "\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false);
        pb.environment().put("HOKUSAI_API_KEY", apiKey);
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(example + ": curl did not finish in 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        int mark = text.lastIndexOf(STATUS_MARK);
        if (process.exitValue() != 0 || mark < 0) {
            throw new AssertionError(example + ": curl failed (exit " + process.exitValue() + "): " + err + text);
        }
        int status =
                Integer.parseInt(text.substring(mark + STATUS_MARK.length()).trim());
        String response = text.substring(0, mark).stripTrailing();
        String headers = "";
        if (response.startsWith("HTTP/")) {
            int split = response.replace("\r\n", "\n").indexOf("\n\n");
            String normalised = response.replace("\r\n", "\n");
            headers = split < 0 ? normalised : normalised.substring(0, split);
            response = split < 0 ? "" : normalised.substring(split + 2);
        }
        return new Result(status, headers, response);
    }

    /** Everything in which the live answer contradicts the page; empty when the example holds. */
    static List<String> mismatches(DocSite.Example example, Result result) {
        List<String> problems = new ArrayList<>();
        if (result.status() != example.expectStatus()) {
            problems.add("status " + result.status() + ", the page promises " + example.expectStatus());
        }
        if (!example.expectHeader().isEmpty()) {
            String[] header = example.expectHeader().split(":", 2);
            boolean found = result.headers()
                    .lines()
                    .anyMatch(line -> line.regionMatches(true, 0, header[0] + ":", 0, header[0].length() + 1)
                            && line.substring(header[0].length() + 1).trim().equals(header[1].trim()));
            if (!found)
                problems.add("no response header '" + header[0] + ": " + header[1] + "' in\n" + result.headers());
        }
        if (example.expectBody() != null) {
            try {
                JsonNode actual = JSON.readTree(result.body());
                if (actual == null) {
                    problems.add("empty body, the page shows a JSON body");
                } else {
                    JsonShape.mismatches(example.expectBody(), actual, example.freeFormPaths())
                            .forEach(p -> problems.add("body " + p));
                }
            } catch (IOException e) {
                problems.add("body is not JSON: " + result.body());
            }
        }
        return problems;
    }
}
