package ai.hokusai.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a deployment's artifact reference into a local directory a {@link ModelRuntime} can load:
 *
 * <ul>
 *   <li>{@code bundled} + {@code classpath:models/<name>}: the folder shipped inside the server, copied once
 *       to {@code <data-dir>/artifacts/bundled/<name>/};</li>
 *   <li>{@code filesystem} + an absolute path: that directory, when it is beneath the operator's artifact root
 *       ({@link ArtifactRoot}), checked again at every load;</li>
 *   <li>{@code huggingface} + {@code owner/repo[@revision]} (revision {@code main} by default): the repository's
 *       files, downloaded with the token of the model's account ({@link HubTokens}) once per account to
 *       {@code <data-dir>/artifacts/huggingface/<account>/<owner>/<repo>/snapshots/<commit>/}.</li>
 * </ul>
 *
 * The token only ever travels in the {@code Authorization} header, and no failure's message carries it.
 */
public class ArtifactResolver {

    public static final String BUNDLED = "bundled";
    public static final String FILESYSTEM = "filesystem";
    public static final String HUGGINGFACE = "huggingface";

    private final BundledArtifacts bundled;
    private final ArtifactRoot root;
    private final HubTokens tokens;
    private final HuggingFaceHub hub;
    private final JsonMapper json;

    /**
     * @param dataDirectory       fetched and unpacked artifacts go under its {@code artifacts/} folder
     * @param huggingFaceEndpoint the Hub's base URL, e.g. {@code https://huggingface.co}
     */
    public ArtifactResolver(
            String dataDirectory, String huggingFaceEndpoint, ArtifactRoot root, HubTokens tokens, JsonMapper json) {
        Path artifacts = Path.of(dataDirectory).toAbsolutePath().resolve("artifacts");
        this.bundled = new BundledArtifacts(artifacts.resolve(BUNDLED));
        this.root = root;
        this.tokens = tokens;
        this.json = json;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // The Hub answers large files with a redirect to its CDN.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.hub = new HuggingFaceHub(
                artifacts.resolve(HUGGINGFACE), URI.create(stripTrailingSlash(huggingFaceEndpoint)), http, json);
    }

    /**
     * @param ownerAccountId the account the model belongs to: a Hub artifact is fetched with its token, into its cache
     * @throws ArtifactLoadException when the provider is unknown, the location malformed or outside the artifact root,
     *     or the files cannot be found, read or downloaded
     */
    public Path localDirectory(UUID ownerAccountId, String provider, String location) {
        if (provider == null || location == null || location.isBlank()) {
            throw new ArtifactLoadException(
                    "artifact provider and location are required, got " + provider + " / " + location);
        }
        return switch (provider) {
            case BUNDLED -> bundled.extract(location);
            case FILESYSTEM -> root.confine(location);
            case HUGGINGFACE -> withToken(ownerAccountId, token -> hub.download(ownerAccountId, token, location));
            default ->
                throw new ArtifactLoadException("unknown artifact provider '" + provider + "' (expected " + BUNDLED
                        + ", " + FILESYSTEM + " or " + HUGGINGFACE + ")");
        };
    }

    /** The commit and the files with their checksums of an artifact directory this resolver produced. */
    public ArtifactContents contents(Path directory) {
        return ArtifactContents.of(directory, json);
    }

    /**
     * For an artifact that can move — a Hugging Face branch or tag — the new files when it moved since it was
     * resolved; empty when it did not or cannot move (bundled and filesystem artifacts, pinned commits).
     *
     * @throws ArtifactLoadException when the Hub cannot be asked or the new files cannot be fetched
     */
    public Optional<Path> movedSince(UUID ownerAccountId, String provider, String location) {
        return HUGGINGFACE.equals(provider)
                ? withToken(ownerAccountId, token -> hub.refresh(ownerAccountId, token, location))
                : Optional.empty();
    }

    /** Runs a Hub call with the account's token; a failure's message is shown to people, so it never carries it. */
    private <T> T withToken(UUID ownerAccountId, Function<String, T> call) {
        if (ownerAccountId == null) {
            throw new ArtifactLoadException("the model has no owning account to fetch its Hugging Face artifact for");
        }
        String token = tokens.tokenFor(ownerAccountId).map(String::strip).orElse("");
        try {
            return call.apply(token);
        } catch (ArtifactLoadException e) {
            if (token.isEmpty() || e.getMessage() == null || !e.getMessage().contains(token)) {
                throw e;
            }
            throw new ArtifactLoadException(e.getMessage().replace(token, "[token]"));
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
