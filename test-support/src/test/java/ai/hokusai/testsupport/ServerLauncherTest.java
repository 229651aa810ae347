package ai.hokusai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths; starting the real server is what the SDK's and the contract tests' ITs do. */
class ServerLauncherTest {

    @TempDir
    Path dir;

    @Test
    void aMissingJarFailsNamingTheJar() {
        Path jar = dir.resolve("no-such-server.jar");

        assertThatThrownBy(() -> ServerLauncher.builder().jar(jar).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("./mvnw -pl server -am package");
    }

    @Test
    void aServerThatExitsFailsWithTheEndOfItsLog() throws IOException {
        Path jar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        Path log = dir.resolve("logs/server.log");

        assertThatThrownBy(() -> ServerLauncher.builder().jar(jar).log(log).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("broken.jar");
        assertThat(Files.readString(log)).contains("broken.jar");
    }
}
