package ai.hokusai.server.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a deployment's artifact reference into a local directory a {@link ModelRuntime} can load:
 *
 * <ul>
 *   <li>{@code bundled} + {@code classpath:models/<name>}: the folder shipped inside the server, copied once
 *       to {@code <data-dir>/artifacts/bundled/<name>/};</li>
 *   <li>{@code filesystem} + an absolute path: that directory, as is;</li>
 *   <li>{@code huggingface} + {@code owner/repo[@revision]} (revision {@code main} by default): the repository's
 *       files, downloaded once to {@code <data-dir>/artifacts/huggingface/<owner>/<repo>/<revision>/}.</li>
 * </ul>
 *
 * Private Hub repositories need a read token: {@code hokusai.huggingface.token}, or the {@code HF_TOKEN}
 * environment variable. The token only ever travels in the {@code Authorization} header.
 */
@Component
public class ArtifactResolver {

    public static final String BUNDLED = "bundled";
    public static final String FILESYSTEM = "filesystem";
    public static final String HUGGINGFACE = "huggingface";

    private final BundledArtifacts bundled;
    private final HuggingFaceHub hub;
    private final String token;
    private final JsonMapper json;

    public ArtifactResolver(
            @Value("${hokusai.data-dir}") String dataDirectory,
            @Value("${hokusai.huggingface.endpoint:https://huggingface.co}") String huggingFaceEndpoint,
            @Value("${hokusai.huggingface.token:${HF_TOKEN:}}") String huggingFaceToken,
            JsonMapper json) {
        Path artifacts = Path.of(dataDirectory).toAbsolutePath().resolve("artifacts");
        this.bundled = new BundledArtifacts(artifacts.resolve(BUNDLED));
        this.token = huggingFaceToken == null ? "" : huggingFaceToken.strip();
        this.json = json;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // The Hub answers large files with a redirect to its CDN.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.hub = new HuggingFaceHub(artifacts.resolve(HUGGINGFACE), URI.create(stripTrailingSlash(huggingFaceEndpoint)),
                huggingFaceToken == null ? "" : huggingFaceToken.strip(), http, json);
    }

    /**
     * @throws ArtifactLoadException when the provider is unknown, the location malformed, or the files cannot
     *     be found, read or downloaded
     */
    public Path localDirectory(String provider, String location) {
        if (provider == null || location == null || location.isBlank()) {
            throw new ArtifactLoadException("artifact provider and location are required, got " + provider + " / " + location);
        }
        try {
            return switch (provider) {
                case BUNDLED -> bundled.extract(location);
                case FILESYSTEM -> filesystem(location);
                case HUGGINGFACE -> hub.download(location);
                default -> throw new ArtifactLoadException("unknown artifact provider '" + provider
                        + "' (expected " + BUNDLED + ", " + FILESYSTEM + " or " + HUGGINGFACE + ")");
            };
        } catch (ArtifactLoadException e) {
            throw redacted(e);
        }
    }

    /** The commit and the files with their checksums of an artifact directory this resolver produced. */
    public ArtifactContents contents(Path directory) {
        return ArtifactContents.of(directory, json);
    }

    /** A failure's message is shown to operators: it never carries the Hub token, whatever an error echoed. */
    private ArtifactLoadException redacted(ArtifactLoadException e) {
        if (token.isEmpty() || e.getMessage() == null || !e.getMessage().contains(token)) {
            return e;
        }
        return new ArtifactLoadException(e.getMessage().replace(token, "[token]"));
    }

    /**
     * For an artifact that can move — a Hugging Face branch or tag — the new files when it moved since it was
     * resolved; empty when it did not or cannot move (bundled and filesystem artifacts, pinned commits).
     *
     * @throws ArtifactLoadException when the Hub cannot be asked or the new files cannot be fetched
     */
    public Optional<Path> movedSince(String provider, String location) {
        try {
            return HUGGINGFACE.equals(provider) ? hub.refresh(location) : Optional.empty();
        } catch (ArtifactLoadException e) {
            throw redacted(e);
        }
    }

    private static Path filesystem(String location) {
        Path directory = Path.of(location);
        if (!directory.isAbsolute()) {
            throw new ArtifactLoadException("filesystem artifact location must be an absolute path: " + location);
        }
        if (!Files.isDirectory(directory)) {
            throw new ArtifactLoadException("filesystem artifact directory does not exist: " + location);
        }
        return directory;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
