package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import ai.hokusai.server.HokusaiServerApplication;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.spring.junit5.PactVerificationSpringProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replays pact interactions against the real server, in-process on a random port, on its embedded default: a real
 * PostgreSQL whose data lives in a fresh folder under {@code target/provider-data}, migrated and seeded, with
 * {@link ProviderStates} as a bean of it. Subclasses only say where the pacts come from, and share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = HokusaiServerApplication.class)
@Import(ProviderStates.class)
abstract class ProviderVerification {

    /** The operator's bootstrap key; set so the server prints no demo key. Interactions use keys their states issue. */
    static final String BOOTSTRAP_KEY = "hk_test_providerVerificationAdmin0123456";

    private static final Path DATA_DIR = newDataDir();
    /** Read once: Spring asks a dynamic property's supplier again on every lookup. */
    private static final String SECRETS_KEY = newSecretsKey();

    @LocalServerPort
    protected int port;

    @Autowired
    ProviderStates states;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("hokusai.data-dir", DATA_DIR::toString);
        registry.add("hokusai.bootstrap-api-key", () -> BOOTSTRAP_KEY);
        registry.add("hokusai.artifact-root", ProviderVerification::artifactRoot);
        // Stored Hub tokens are encrypted under it: without one, storing a token answers 503.
        registry.add("hokusai.secrets-key", () -> SECRETS_KEY);
    }

    /** The root with the directory the pacts' deployments name; it holds no model, so their loads fail later. */
    private static String artifactRoot() {
        try {
            Files.createDirectories(Path.of(Contract.ARTIFACT_URI.substring("file://".length())));
            return Contract.ARTIFACT_ROOT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The verifier's HTTP client would retry a 429 or 503 after its Retry-After (an hour, for a key over its hourly
     * limit): a contract is about the first answer, so the client sends each request once. No answer may carry the
     * Hub token the pacts store ({@link SecretsNeverEchoed}).
     */
    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget(
                "localhost",
                port,
                "/",
                () -> provider -> HttpClients.custom()
                        .disableAutomaticRetries()
                        .disableRedirectHandling()
                        .addResponseInterceptorLast(new SecretsNeverEchoed())
                        .build()));
        context.withStateChangeHandlers(states);
    }

    @TestTemplate
    @ExtendWith(PactVerificationSpringProvider.class)
    void theServerHonoursTheInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    private static String newSecretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Path newDataDir() {
        try {
            Path base = Path.of("target", "provider-data").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
