package ai.hokusai.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on a random port, on the embedded default: a real PostgreSQL whose data lives under
 * {@code target/it-data}, migrated and seeded, with a known admin key and two metering writers, on a clock the tests
 * can move ({@link MovableClock}). Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.AsServerClock.class)
public abstract class ServerIntegrationTest {

    public static final String ADMIN_KEY = "hk_test_integrationAdminKey0123456789ab";
    /**
     * The artifact root of the servers tests start: this module, which holds the committed models and the data
     * directories the tests deploy {@code file://} artifacts from.
     */
    public static final Path ARTIFACT_ROOT = Path.of("").toAbsolutePath();

    private static final Path DATA_DIR = newDataDir();

    @LocalServerPort
    protected int port;

    protected final MovableClock clock = MovableClock.SHARED;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("hokusai.data-dir", DATA_DIR::toString);
        registry.add("hokusai.bootstrap-api-key", () -> ADMIN_KEY);
        registry.add("hokusai.artifact-root", ARTIFACT_ROOT::toString);
        // Two metering writers (the packaged default is one, which the tests of the packaged jar run): every predict
        // of the shared context's tests is then written by writers inserting side by side.
        registry.add("hokusai.metering.writers", () -> "2");
    }

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port, ADMIN_KEY);
    }

    public static Path newDataDir() {
        try {
            Path base = Path.of("target", "it-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
