package ai.hokusai.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Production mode ({@code HOKUSAI_EMBEDDED_DB=false}): the server never starts a database of its own. Before anything
 * else starts it requires {@code HOKUSAI_DB_URL} and the key-hash secret, and a database that answers; otherwise it
 * refuses to start with one line ({@link StartupRefusedException}). In every mode it reads the database password, the
 * key-hash secret and the secrets key from files when {@code HOKUSAI_DB_PASSWORD_FILE} /
 * {@code HOKUSAI_KEY_HASH_SECRET_FILE} / {@code HOKUSAI_SECRETS_KEY_FILE} name them (a mounted Kubernetes Secret), so
 * none has to sit in the environment.
 */
public class ProductionMode implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_DB = "hokusai.embedded-db";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fromFiles = new HashMap<>();
        readSecretFile(environment, "hokusai.db-password-file", "HOKUSAI_DB_PASSWORD_FILE")
                .ifPresent(password -> fromFiles.put("spring.datasource.password", password));
        readSecretFile(environment, "hokusai.key-hash-secret-file", "HOKUSAI_KEY_HASH_SECRET_FILE")
                .ifPresent(secret -> fromFiles.put("hokusai.key-hash-secret", secret));
        readSecretFile(environment, "hokusai.secrets-key-file", "HOKUSAI_SECRETS_KEY_FILE")
                .ifPresent(key -> fromFiles.put("hokusai.secrets-key", key));
        if (!fromFiles.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("hokusai-secret-files", fromFiles));
        }
        if (environment.getProperty(EMBEDDED_DB, Boolean.class, true)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            throw new StartupRefusedException("HOKUSAI_EMBEDDED_DB=false but HOKUSAI_DB_URL is not set: name the "
                    + "PostgreSQL to use, e.g. jdbc:postgresql://db:5432/hokusai");
        }
        if (environment.getProperty("hokusai.key-hash-secret", "").isBlank()) {
            throw new StartupRefusedException(
                    "HOKUSAI_EMBEDDED_DB=false but HOKUSAI_KEY_HASH_SECRET (or "
                            + "HOKUSAI_KEY_HASH_SECRET_FILE) is not set: every instance needs the same secret to check API keys");
        }
        checkReachable(
                url,
                environment.getProperty("spring.datasource.username", ""),
                environment.getProperty("spring.datasource.password", ""));
    }

    /** After the configuration files are read, so their settings count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static Optional<String> readSecretFile(
            ConfigurableEnvironment environment, String property, String variable) {
        String file = environment.getProperty(property, "");
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException e) {
            throw new StartupRefusedException(variable + " names " + file + ", which cannot be read: " + e);
        }
    }

    private static void checkReachable(String url, String user, String password) {
        Properties credentials = new Properties();
        if (!user.isBlank()) {
            credentials.setProperty("user", user);
        }
        if (!password.isBlank()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        credentials.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw new StartupRefusedException("cannot reach the database " + withoutQuery(url) + " (HOKUSAI_DB_URL): "
                    + firstLine(e.getMessage()));
        }
    }

    /** A JDBC URL may carry a password in its query: never print that part. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
