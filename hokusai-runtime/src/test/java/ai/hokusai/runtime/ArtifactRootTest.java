package ai.hokusai.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file://} artifacts come from beneath the operator's root only, and every location that does not is refused
 * with the same words, whether what it names exists (elsewhere) or not.
 */
class ArtifactRootTest {

    private static final String REFUSAL = "the file:// location names no artifact directory under the artifact root";

    @TempDir
    Path base;

    private Path root;
    private Path model;
    private Path outside;
    private ArtifactRoot artifactRoot;

    @BeforeEach
    void layOut() throws IOException {
        root = Files.createDirectories(base.resolve("artifacts"));
        model = Files.createDirectories(root.resolve("acme/lscor"));
        Files.writeString(model.resolve("config.json"), "{}");
        outside = Files.createDirectories(base.resolve("private"));
        Files.writeString(outside.resolve("id_rsa"), "secret");
        artifactRoot = new ArtifactRoot(root.toString());
    }

    @Test
    void aDirectoryBeneathTheRootIsAcceptedAsTheFileSystemResolvesIt() throws IOException {
        assertThat(artifactRoot.configured()).isTrue();
        assertThat(artifactRoot.confine(model.toString())).isEqualTo(model.toRealPath());
        assertThat(artifactRoot.confine(root + "/acme/other/../lscor"))
                .as("a .. that stays inside")
                .isEqualTo(model.toRealPath());
    }

    @Test
    void aLinkThatStaysInsideTheRootIsAccepted() throws IOException {
        Path alias = Files.createSymbolicLink(root.resolve("current"), model);
        assertThat(artifactRoot.confine(alias.toString())).isEqualTo(model.toRealPath());
    }

    @Test
    void everyLocationNotBeneathTheRootGetsTheSameRefusal() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("up"), base);
        Path leaky = Files.createDirectories(root.resolve("leaky"));
        Files.createSymbolicLink(leaky.resolve("weights.bin"), outside.resolve("id_rsa"));
        Path leakyDirectory = Files.createDirectories(root.resolve("leaky-directory"));
        Files.createSymbolicLink(leakyDirectory.resolve("sub"), outside);
        Files.writeString(root.resolve("file.json"), "{}");

        List<String> refused = new ArrayList<>(List.of(
                "/etc",
                "/root/.ssh",
                "/",
                outside.toString(),
                outside.resolve("id_rsa").toString(),
                root + "/../private",
                root + "/acme/../../private",
                root + "/../artifacts-sibling",
                root + "/escape",
                root + "/escape/",
                root + "/up/private",
                root + "/missing",
                root + "/acme/missing",
                root + "/file.json",
                root + "/leaky",
                root + "/leaky-directory",
                root.toString(),
                root + "/acme/..",
                "relative/acme/lscor",
                "acme/lscor",
                "",
                " ",
                root + "/acme/lscor\0"));
        for (String location : refused) {
            assertThatThrownBy(() -> artifactRoot.confine(location))
                    .as(location)
                    .isInstanceOf(ArtifactLoadException.class)
                    .hasMessage(REFUSAL)
                    .hasNoCause();
        }
    }

    @Test
    void withoutARootNothingIsAcceptedAndTheRefusalNamesTheSetting() {
        for (String unset : new String[] {null, "", "  "}) {
            ArtifactRoot none = new ArtifactRoot(unset);
            assertThat(none.configured()).isFalse();
            assertThatThrownBy(() -> none.confine(model.toString()))
                    .isInstanceOf(ArtifactLoadException.class)
                    .hasMessageContaining("HOKUSAI_ARTIFACT_ROOT");
        }
    }

    @Test
    void aRootThatIsItselfALinkIsComparedAsResolved() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(base.resolve("artifacts-link"), root);
        ArtifactRoot viaLink = new ArtifactRoot(linkedRoot.toString());

        assertThat(viaLink.confine(linkedRoot + "/acme/lscor")).isEqualTo(model.toRealPath());
        assertThatThrownBy(() -> viaLink.confine(model.toString()))
                .as("beneath the root only as it is written")
                .hasMessage(REFUSAL);
    }
}
