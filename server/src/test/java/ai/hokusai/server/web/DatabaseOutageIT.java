package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.HokusaiServerApplication;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.security.ApiKeyService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** With the database gone, a call the server cannot answer is a 503 that says retry — never a 500. */
class DatabaseOutageIT {

    @Test
    void aKeyCheckedWhileTheDatabaseIsDownAnswers503ServiceUnavailable() throws Exception {
        EmbeddedPostgres database = EmbeddedPostgres.builder().start();
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(HokusaiServerApplication.class)
                .run(
                        "--server.port=0",
                        "--hokusai.data-dir=" + ServerIntegrationTest.newDataDir(),
                        "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--hokusai.key-hash-secret=outage-test-secret")) {
            String neverUsedKey = server.getBean(ApiKeyService.class)
                    .issue(new ApiKeyService.KeyRequest(
                            "outage", List.of(ApiKeyService.SCOPE_MODELS_READ), false, null, null, null))
                    .secret();
            TestHttp http = new TestHttp(
                    "http://localhost:" + server.getEnvironment().getProperty("local.server.port"), neverUsedKey);

            // Pooled connections are open when the database goes away, as they are in production.
            for (int i = 0; i < 5; i++) {
                http.withKey(null).get("/health/ready");
            }
            database.close();
            TestHttp.Response response = http.get("/api/v1/models/21");

            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.json().get("code").asString()).isEqualTo("service_unavailable");
            assertThat(response.header("Retry-After")).isNotBlank();
            assertThat(response.body()).doesNotContain("SQL", "Exception", "jdbc");
        } finally {
            database.close();
        }
    }
}
