package ai.hokusai.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.runtime.lscor.LscorRuntime;
import ai.hokusai.testsupport.HubStub;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ArtifactResolverTest {

    private static final Path COMMITTED = Path.of("../server/src/main/resources/models/lscor-v2");
    private static final UUID ACCOUNT = UUID.fromString("7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    private static final UUID OTHER_ACCOUNT = UUID.fromString("2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091");

    @TempDir
    Path data;

    private HubStub hub;

    @BeforeEach
    void startHub() throws IOException {
        hub = new HubStub()
                .repository("acme/lscor-v2", COMMITTED)
                .tag("acme/lscor-v2", "v2.0.0")
                .repository("acme/broken", COMMITTED, "weights.bin")
                .repository("acme/escape", COMMITTED, "../escaped.json");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    /** A resolver whose every account reads the Hub with {@code token} ("" for none), under the models' root. */
    private ArtifactResolver resolver(String token) {
        return resolver(account -> token.isEmpty() ? Optional.empty() : Optional.of(token));
    }

    private ArtifactResolver resolver(HubTokens tokens) {
        return new ArtifactResolver(
                data.toString(),
                hub.endpoint() + "/",
                new ArtifactRoot(COMMITTED.toAbsolutePath().getParent().toString()),
                tokens,
                JsonMapper.shared());
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        try (Stream<Path> files = Files.list(expected)) {
            for (Path file : files.toList()) {
                assertThat(actual.resolve(file.getFileName())).hasSameBinaryContentAs(file);
            }
        }
        try (Stream<Path> a = Files.list(actual);
                Stream<Path> e = Files.list(expected)) {
            assertThat(a.filter(f -> !f.getFileName().toString().equals(".hokusai-artifact.json"))
                            .count())
                    .as("the artifact's files, beside the download's manifest")
                    .isEqualTo(e.count());
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            return paths.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(".download-") || name.startsWith(".old-"))
                    .map(Path::of)
                    .toList();
        }
    }

    @Test
    void bundledArtifactIsCopiedIntoTheDataDirectoryAndLoads() throws IOException {
        Path directory = resolver("").localDirectory(ACCOUNT, "bundled", "classpath:models/lscor-v2");

        assertThat(directory).isEqualTo(data.toAbsolutePath().resolve("artifacts/bundled/lscor-v2"));
        assertSameFiles(directory, COMMITTED);
        try (LoadedModel model = new LscorRuntime().load(directory)) {
            assertThat(model.version()).isEqualTo("2.0.0");
        }
    }

    @Test
    void identicalBundledCopyIsKeptAndAChangedOneIsRestored() throws IOException {
        ArtifactResolver resolver = resolver("");
        Path directory = resolver.localDirectory(ACCOUNT, "bundled", "classpath:models/lscor-v2");
        Path config = directory.resolve("config.json");
        Files.setLastModifiedTime(config, FileTime.fromMillis(1_000_000));

        resolver.localDirectory(ACCOUNT, "bundled", "classpath:models/lscor-v2");
        assertThat(Files.getLastModifiedTime(config).toMillis()).isEqualTo(1_000_000);

        Files.writeString(config, "{}");
        resolver.localDirectory(ACCOUNT, "bundled", "classpath:models/lscor-v2");
        assertThat(config).hasSameBinaryContentAs(COMMITTED.resolve("config.json"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void bundledFolderInsideAJarIsExtracted() throws IOException {
        Path jar = data.resolve("app.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("models/", "models/demo/", "models/demo/sub/")) {
                out.putNextEntry(new JarEntry(entry));
                out.closeEntry();
            }
            for (Map.Entry<String, String> file : Map.of(
                            "models/demo/config.json", "{\"a\":1}", "models/demo/sub/notes.txt", "hello")
                    .entrySet()) {
                out.putNextEntry(new JarEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path directory = new BundledArtifacts(data.resolve("bundled"), loader).extract("classpath:models/demo");

            assertThat(directory).isEqualTo(data.resolve("bundled/demo"));
            assertThat(directory.resolve("config.json")).hasContent("{\"a\":1}");
            assertThat(directory.resolve("sub/notes.txt")).hasContent("hello");
        }
    }

    @Test
    void unknownOrMalformedBundledLocationsAreRefused() {
        ArtifactResolver resolver = resolver("");
        assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "bundled", "classpath:models/no-such-model"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("no bundled artifact");
        assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "bundled", "models/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("classpath:");
        assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "bundled", "classpath:../etc"))
                .isInstanceOf(ArtifactLoadException.class);
    }

    @Test
    void filesystemLocationIsUsedWhenItIsADirectoryUnderTheArtifactRoot() throws IOException {
        ArtifactResolver resolver = resolver("");
        Path absolute = COMMITTED.toAbsolutePath();

        assertThat(resolver.localDirectory(ACCOUNT, "filesystem", absolute.toString()))
                .isEqualTo(absolute.toRealPath());
        for (String refused : List.of(
                COMMITTED.toString(),
                data.resolve("missing").toString(),
                data.toString(),
                absolute + "/../../../../pom.xml")) {
            assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "filesystem", refused))
                    .as(refused)
                    .isInstanceOf(ArtifactLoadException.class)
                    .hasMessage("the file:// location names no artifact directory under the artifact root");
        }
    }

    @Test
    void filesystemArtifactsAreRefusedWithoutAnArtifactRoot() {
        ArtifactResolver resolver = new ArtifactResolver(
                data.toString(),
                hub.endpoint(),
                new ArtifactRoot(""),
                account -> Optional.empty(),
                JsonMapper.shared());

        assertThatThrownBy(() -> resolver.localDirectory(
                        ACCOUNT, "filesystem", COMMITTED.toAbsolutePath().toString()))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("HOKUSAI_ARTIFACT_ROOT");
    }

    @Test
    void unknownProviderIsRefused() {
        assertThatThrownBy(() -> resolver("").localDirectory(ACCOUNT, "s3", "bucket/key"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("unknown artifact provider 's3'");
    }

    @Test
    void privateHubRepositoryIsDownloadedWithTheTokenAndLoads() throws IOException {
        Path directory = resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2");

        assertThat(directory)
                .isEqualTo(data.toAbsolutePath()
                        .resolve("artifacts/huggingface/" + ACCOUNT + "/acme/lscor-v2/snapshots/" + HubStub.COMMIT));
        assertThat(Files.readString(data.resolve("artifacts/huggingface/" + ACCOUNT + "/acme/lscor-v2/refs/main"))
                        .strip())
                .as("the branch's commit, recorded")
                .isEqualTo(HubStub.COMMIT);
        assertSameFiles(directory, COMMITTED);
        assertThat(hub.requests)
                .as("every file from the one commit the listing named")
                .contains(
                        "/api/models/acme/lscor-v2/revision/main",
                        "/acme/lscor-v2/resolve/" + HubStub.COMMIT + "/tokenizer.json");
        try (LoadedModel model = new LscorRuntime().load(directory)) {
            assertThat(model.version()).isEqualTo("2.0.0");
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void downloadedRevisionIsReusedWithoutAskingTheHubAgain() {
        ArtifactResolver resolver = resolver(HubStub.TOKEN);
        Path first = resolver.localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2@v2.0.0");
        int requests = hub.requests.size();

        Path second = resolver("").localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2@v2.0.0");

        assertThat(first)
                .endsWith(Path.of("acme", "lscor-v2", "snapshots", HubStub.COMMIT))
                .isEqualTo(second);
        assertThat(hub.requests).hasSize(requests).contains("/api/models/acme/lscor-v2/revision/v2.0.0");
    }

    @Test
    void eachAccountFetchesWithItsOwnTokenAndNeverReadsAnothersDownload() {
        hub.requireToken("acme/lscor-v2", "hf_token_of_the_owner");
        ArtifactResolver resolver = resolver(
                account -> Optional.of(account.equals(ACCOUNT) ? "hf_token_of_the_owner" : "hf_token_of_someone_else"));
        Path owners = resolver.localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2@v2.0.0");

        assertThatThrownBy(() -> resolver.localDirectory(OTHER_ACCOUNT, "huggingface", "acme/lscor-v2@v2.0.0"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("hf_token_of");
        assertThatThrownBy(
                        () -> resolver.localDirectory(OTHER_ACCOUNT, "huggingface", "acme/lscor-v2@" + HubStub.COMMIT))
                .as("not even at the commit the owner's copy holds")
                .isInstanceOf(ArtifactLoadException.class);
        assertThat(owners).startsWith(data.toAbsolutePath().resolve("artifacts/huggingface/" + ACCOUNT));
        assertThat(data.resolve("artifacts/huggingface/" + OTHER_ACCOUNT + "/acme/lscor-v2/snapshots"))
                .doesNotExist();
    }

    @Test
    void aTokenEchoedInAFailureIsRedacted() {
        ArtifactResolver resolver = resolver(account -> Optional.of("acme"));

        assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "huggingface", "acme/missing"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageNotContaining("acme")
                .hasMessageContaining("[token]");
    }

    @Test
    void privateRepositoryWithoutATokenSaysATokenIsNeeded() throws IOException {
        assertThatThrownBy(() -> resolver("").localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("needs a token")
                .hasMessageContaining("credentials/huggingface");
        assertThat(data.resolve("artifacts/huggingface/" + ACCOUNT + "/acme/lscor-v2/snapshots/" + HubStub.COMMIT))
                .doesNotExist();
    }

    @Test
    void rejectedTokenIsReportedWithoutRevealingIt() {
        assertThatThrownBy(() -> resolver("hf_wrong_secret").localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("hf_wrong_secret");
    }

    @Test
    void failedDownloadLeavesNoPartialArtifact() throws IOException {
        assertThatThrownBy(() -> resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/broken"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("weights.bin");

        assertThat(data.resolve("artifacts/huggingface/" + ACCOUNT + "/acme/broken/snapshots/" + HubStub.COMMIT))
                .doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void listedFileOutsideTheRepositoryFolderIsRefused() throws IOException {
        assertThatThrownBy(() -> resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/escape"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("unsafe");

        try (Stream<Path> paths = Files.walk(data)) {
            assertThat(paths.filter(p -> p.getFileName().toString().equals("escaped.json")))
                    .isEmpty();
        }
    }

    @Test
    void unknownRepositoryAndMalformedLocationsAreRefused() {
        ArtifactResolver resolver = resolver(HubStub.TOKEN);
        assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "huggingface", "acme/missing"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("not found");
        for (String location : List.of("lscor-v2", "acme/lscor-v2/extra", "acme/..@main", "acme/lscor-v2@../x")) {
            assertThatThrownBy(() -> resolver.localDirectory(ACCOUNT, "huggingface", location))
                    .as(location)
                    .isInstanceOf(ArtifactLoadException.class)
                    .hasMessageContaining("owner/repo");
        }
    }

    @Test
    void aVerifiedDownloadRecordsItsCommitAndChecksums() throws IOException {
        Path directory = resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2");

        tools.jackson.databind.JsonNode manifest = JsonMapper.shared()
                .readTree(directory.resolve(".hokusai-artifact.json").toFile());
        assertThat(manifest.get("commit").asString()).isEqualTo(HubStub.COMMIT);
        assertThat(manifest.get("revision").asString()).isEqualTo("main");
        List<String> lfs = new java.util.ArrayList<>();
        List<String> git = new java.util.ArrayList<>();
        manifest.get("files")
                .forEach(f -> (f.has("sha256") ? lfs : git).add(f.get("name").asString()));
        assertThat(lfs).containsExactly("tokenizer.json");
        assertThat(git).contains("config.json", "model.json");
    }

    @Test
    void aCorruptFileFailsTheDownloadAndLeavesNothing() throws IOException {
        hub.damage("acme/lscor-v2", "tokenizer.json", "corrupt").damage("acme/lscor-v2", "config.json", "corrupt");

        assertThatThrownBy(() -> resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("does not match the");
        assertThat(data.resolve("artifacts/huggingface/" + ACCOUNT + "/acme/lscor-v2/snapshots/" + HubStub.COMMIT))
                .doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aGitTrackedFileIsCheckedAgainstItsBlobId() {
        hub.damage("acme/lscor-v2", "config.json", "corrupt");

        assertThatThrownBy(() -> resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("git blob id");
    }

    @Test
    void aTruncatedFileIsReportedWithBothSizes() {
        hub.damage("acme/lscor-v2", "tokenizer.json", "truncated");

        assertThatThrownBy(() -> resolver(HubStub.TOKEN).localDirectory(ACCOUNT, "huggingface", "acme/lscor-v2"))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("truncated or corrupt")
                .hasMessageContaining("the Hub lists");
    }
}
