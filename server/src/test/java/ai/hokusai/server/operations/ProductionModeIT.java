package ai.hokusai.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.testsupport.ServerLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Production mode ({@code HOKUSAI_EMBEDDED_DB=false}), run from the packaged jar as a deployment runs it: without a
 * database or a key-hash secret the server refuses to start with one line and a non-zero exit; with them, several
 * it keeps its data in the database it was given. (Several instances starting at once on one database: FleetIT.)
 */
class ProductionModeIT {

    private static final String REFUSED = "Hokusai cannot start: ";

    private static ServerLauncher.Builder productionServer() {
        return ServerLauncher.builder().readyTimeout(Duration.ofSeconds(60)).env("HOKUSAI_EMBEDDED_DB", "false");
    }

    /** The one line the server printed, after asserting it printed nothing else about the failure. */
    private static String refusal(ServerLauncher.Builder server) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(server::start);
        assertThat(failure).as("the server must not start").isInstanceOf(IllegalStateException.class);
        String message = failure.getMessage();
        assertThat(message).containsPattern("exited with [1-9]");
        assertThat(message)
                .as("no stack trace, one line")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        return message.lines()
                .filter(l -> l.startsWith(REFUSED))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + REFUSED + "' in:\n" + message));
    }

    @Test
    void withoutADatabaseUrlTheServerRefusesToStartWithOneLine() {
        assertThat(refusal(productionServer().env("HOKUSAI_KEY_HASH_SECRET", "a-secret-shared-by-every-instance")))
                .contains("HOKUSAI_DB_URL is not set");
    }

    @Test
    void withoutAKeyHashSecretTheServerRefusesToStart() {
        assertThat(refusal(productionServer().env("HOKUSAI_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hokusai")))
                .contains("HOKUSAI_KEY_HASH_SECRET");
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingItWithoutItsCredentials() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/hokusai";
        String line = refusal(productionServer()
                .env("HOKUSAI_KEY_HASH_SECRET", "a-secret-shared-by-every-instance")
                .env("HOKUSAI_DB_URL", url + "?password=not-to-be-printed"));
        assertThat(line).contains("cannot reach the database " + url).doesNotContain("not-to-be-printed");
    }

    @Test
    void withADatabaseAndSecretsFromFilesItStartsWithoutADatabaseOfItsOwn() throws Exception {
        Path secrets = Files.createTempDirectory(ServerIntegrationTest.newDataDir(), "secrets");
        Path password = Files.writeString(secrets.resolve("db-password"), "unused-by-trust-auth\n");
        Path keyHashSecret = Files.writeString(secrets.resolve("key-hash-secret"), "from-a-mounted-secret\n");
        try (EmbeddedPostgres database = EmbeddedPostgres.builder()
                        .setDataDirectory(ServerIntegrationTest.newDataDir())
                        .start();
                ServerLauncher server = productionServer()
                        .readyTimeout(Duration.ofSeconds(120))
                        .env("HOKUSAI_DB_URL", "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres")
                        .env("HOKUSAI_DB_USER", "postgres")
                        .env("HOKUSAI_DB_PASSWORD_FILE", password.toString())
                        .env("HOKUSAI_KEY_HASH_SECRET_FILE", keyHashSecret.toString())
                        .start()) {
            assertThat(Files.readString(server.log()))
                    .as("production mode starts no database of its own")
                    .doesNotContain("Starting embedded PostgreSQL");
            try (Connection connection = database.getPostgresDatabase().getConnection();
                    Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery("SELECT count(*) FROM api_keys")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1))
                        .as("the bootstrap key, in the database it was given")
                        .isEqualTo(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
