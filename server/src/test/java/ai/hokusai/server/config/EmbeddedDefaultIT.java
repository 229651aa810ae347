package ai.hokusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.HokusaiServerApplication;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.persistence.ApiKeyMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The two ways to run: the embedded default (data survives restarts) and an external PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultIT {

    private static final Pattern DEMO_KEY = Pattern.compile("hk_test_[A-Za-z0-9]{32}");

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(HokusaiServerApplication.class).run(args);
    }

    private static TestHttp http(ConfigurableApplicationContext context, String key) {
        return new TestHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"), key);
    }

    @Test
    void theEmbeddedDefaultPrintsADemoKeyOnceAndKeepsItsDataAcrossRestarts(CapturedOutput output) {
        Path dataDir = ServerIntegrationTest.newDataDir();
        String demoKey;
        try (ConfigurableApplicationContext first = start("--server.port=0", "--hokusai.data-dir=" + dataDir)) {
            Matcher printed = DEMO_KEY.matcher(output.getOut());
            assertThat(printed.find())
                    .as("a demo key is printed on first start")
                    .isTrue();
            demoKey = printed.group();
            assertThat(output.getAll().lines().filter(l -> l.contains(demoKey)))
                    .as("printed to the console, never through the logger")
                    .noneMatch(l -> l.matches(".*\\s(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*"));
            assertThat(http(first, demoKey).get("/api/v1/models/21/info").status())
                    .isEqualTo(200);
            assertThat(first.getBean(ApiKeyMapper.class).countUsable()).isEqualTo(1);
            assertThat(everyApiKeyColumnAsText(first))
                    .as("only a hash of the key is stored")
                    .doesNotContain(demoKey)
                    .doesNotContain(demoKey.substring(16));
        }
        int printedBefore = output.getOut().length();
        try (ConfigurableApplicationContext second = start("--server.port=0", "--hokusai.data-dir=" + dataDir)) {
            assertThat(DEMO_KEY.matcher(output.getOut().substring(printedBefore))
                            .find())
                    .as("no second demo key")
                    .isFalse();
            assertThat(second.getBean(ApiKeyMapper.class).countUsable()).isEqualTo(1);
            assertThat(http(second, demoKey).get("/api/v1/models/21/info").status())
                    .isEqualTo(200);
            assertThat(http(second, demoKey)
                            .get("/api/v1/models/lscor-v2")
                            .json()
                            .get("id")
                            .asInt())
                    .isEqualTo(21);
        }
    }

    private static String everyApiKeyColumnAsText(ConfigurableApplicationContext context) {
        try (var connection = context.getBean(javax.sql.DataSource.class).getConnection();
                var rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT string_agg(t::text || encode(key_hash, 'escape'), ' ') FROM api_keys t")) {
            rows.next();
            return rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withADatabaseUrlTheServerUsesThatDatabaseAndStartsNoEmbeddedOne() throws Exception {
        Path dataDir = ServerIntegrationTest.newDataDir();
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext context = start(
                    "--server.port=0",
                    "--hokusai.data-dir=" + dataDir,
                    "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres",
                    "--hokusai.key-hash-secret=shared-secret-of-every-instance",
                    "--hokusai.bootstrap-api-key=" + ServerIntegrationTest.ADMIN_KEY)) {
                assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
                assertThat(http(context, ServerIntegrationTest.ADMIN_KEY)
                                .get("/api/v1/models/21")
                                .status())
                        .isEqualTo(200);
                try (var connection = external.getPostgresDatabase().getConnection();
                        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM models")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void anExternalDatabaseWithoutAKeyHashSecretRefusesToStart() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            assertThatThrownBy(() -> start(
                            "--server.port=0",
                            "--hokusai.data-dir=" + ServerIntegrationTest.newDataDir(),
                            "--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                            "--spring.datasource.username=postgres"))
                    .hasStackTraceContaining("HOKUSAI_KEY_HASH_SECRET must be set");
        }
    }
}
