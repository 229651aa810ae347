package ai.hokusai.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Server instances started against a PostgreSQL the test controls, as a deployment of several would be. */
public final class ExternalInstances {

    public static final String SECRET = "shared-secret-of-every-instance";

    private ExternalInstances() {}

    public static ConfigurableApplicationContext start(String jdbcUrl, String... extra) {
        return start(0, jdbcUrl, extra);
    }

    /** An instance listening on {@code port} (0: any free one). */
    public static ConfigurableApplicationContext start(int port, String jdbcUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--hokusai.data-dir=" + ServerIntegrationTest.newDataDir(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--hokusai.key-hash-secret=" + SECRET,
                "--hokusai.bootstrap-api-key=" + ServerIntegrationTest.ADMIN_KEY));
        args.addAll(List.of(extra));
        // Instances on one database share one clock, as the servers of a deployment share the time of day.
        return new SpringApplicationBuilder(HokusaiServerApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MovableClock.SHARED))
                .run(args.toArray(String[]::new));
    }

    /** Two instances on one fresh embedded PostgreSQL, as two servers of one deployment. */
    public record TwoInstances(
            EmbeddedPostgres database, ConfigurableApplicationContext first, ConfigurableApplicationContext second)
            implements AutoCloseable {

        public static TwoInstances start(String... extra) throws Exception {
            EmbeddedPostgres database = EmbeddedPostgres.builder().start();
            String url = database.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext first = ExternalInstances.start(url, extra);
            return new TwoInstances(database, first, ExternalInstances.start(url, extra));
        }

        @Override
        public void close() throws Exception {
            second.close();
            first.close();
            database.close();
        }
    }

    public static TestHttp http(ConfigurableApplicationContext context, String key) {
        return new TestHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"), key);
    }
}
