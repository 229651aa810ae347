package ai.hokusai.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on a random port with an artifact root ({@code hokusai.artifact-root}) holding a copy of model 21's
 * bundled artifact, so publishers can deploy from {@code file://}. Its own context, hence its own data directory and
 * embedded PostgreSQL: two cannot share one, and the shared context of {@link ServerIntegrationTest} may be running.
 * Subclasses share this one; each test makes its own accounts, with slugs no other test takes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.AsServerClock.class)
public abstract class AccountsIntegrationTest {

    private static final Path DATA_DIR = ServerIntegrationTest.newDataDir();
    private static final Path ARTIFACT_ROOT = realPath(ServerIntegrationTest.newDataDir());
    private static final Path LSCOR = copyLscor(ARTIFACT_ROOT.resolve("lscor"));

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("hokusai.data-dir", DATA_DIR::toString);
        registry.add("hokusai.bootstrap-api-key", () -> ServerIntegrationTest.ADMIN_KEY);
        registry.add("hokusai.artifact-root", ARTIFACT_ROOT::toString);
    }

    /** The bootstrap key: every scope, platform:admin included. */
    protected TestHttp operator() {
        return as(ServerIntegrationTest.ADMIN_KEY);
    }

    protected TestHttp as(String key) {
        return new TestHttp("http://localhost:" + port, key);
    }

    protected TestHttp as(TestKeys.Key key) {
        return as(key.secret());
    }

    /** The artifact root: publishers may deploy from {@code file://} under it. */
    protected static Path artifactRoot() {
        return ARTIFACT_ROOT;
    }

    /** {@code file://} of the lscor artifact under the artifact root. */
    protected static String lscorUri() {
        return "file://" + LSCOR;
    }

    private static Path copyLscor(Path directory) {
        Path bundled = Path.of("src/main/resources/models/lscor-v2").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(bundled)) {
                for (Path file : files.toList()) {
                    Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return realPath(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
