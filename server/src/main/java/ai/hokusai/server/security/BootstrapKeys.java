package ai.hokusai.server.security;

import ai.hokusai.server.config.HokusaiProperties;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can call the API as soon as the port answers: the operator's {@code HOKUSAI_BOOTSTRAP_API_KEY}
 * becomes a {@code platform:admin} key; failing that, the embedded default with no usable key creates a demo key and
 * prints it once to the console (never through the logger, so log shipping never carries it). Both happen once every
 * bean is ready and before the web server starts listening.
 */
@Component
public class BootstrapKeys implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKeys.class);

    private final ApiKeyService keys;
    private final HokusaiProperties properties;
    private final Environment environment;
    private final PrintStream console;

    public BootstrapKeys(ApiKeyService keys, HokusaiProperties properties, Environment environment) {
        this.keys = keys;
        this.properties = properties;
        this.environment = environment;
        this.console = System.out;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String bootstrap = properties.bootstrapApiKey();
        if (bootstrap != null && !bootstrap.isBlank()) {
            try {
                if (keys.ensure(bootstrap.strip(), "bootstrap admin key", ApiKeyService.ALL_SCOPES)) {
                    log.info("Created the bootstrap admin key from HOKUSAI_BOOTSTRAP_API_KEY");
                }
            } catch (DuplicateKeyException createdByAnotherInstance) {
                // Instances starting together each found no key and inserted it; one insert won. Check it is ours.
                keys.ensure(bootstrap.strip(), "bootstrap admin key", ApiKeyService.ALL_SCOPES);
            }
            return;
        }
        boolean embedded = environment.getProperty("spring.datasource.url", "").isBlank();
        if (embedded && !keys.anyUsableKey()) {
            ApiKeyService.IssuedKey demo = keys.issue(
                    Caller.system(),
                    new ApiKeyService.KeyRequest(
                            "demo key",
                            List.of(ApiKeyService.SCOPE_PREDICT, ApiKeyService.SCOPE_MODELS_READ),
                            false,
                            null,
                            null,
                            null));
            log.info("Created a demo API key with prefix {}", demo.key().prefix());
            console.println();
            console.println("==================================================================");
            console.println(" Demo API key (shown once; scopes: predict, models:read):");
            console.println("   " + demo.secret());
            console.println(" Try:  curl -H 'Authorization: Bearer " + demo.secret() + "' \\");
            String port = environment.getProperty("server.port", "8080");
            console.println(
                    "         http://localhost:" + ("0".equals(port) ? "<port>" : port) + "/api/v1/models/21/info");
            console.println("==================================================================");
            console.println();
        }
    }
}
