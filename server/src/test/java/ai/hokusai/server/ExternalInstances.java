package ai.hokusai.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Server instances started against a PostgreSQL the test controls, as a deployment of several would be. */
public final class ExternalInstances {

    public static final String SECRET = "shared-secret-of-every-instance";

    private ExternalInstances() {
    }

    public static ConfigurableApplicationContext start(String jdbcUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--hokusai.data-dir=" + ServerIntegrationTest.newDataDir(),
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--hokusai.key-hash-secret=" + SECRET,
                "--hokusai.bootstrap-api-key=" + ServerIntegrationTest.ADMIN_KEY));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(HokusaiServerApplication.class).run(args.toArray(String[]::new));
    }

    public static TestHttp http(ConfigurableApplicationContext context, String key) {
        return new TestHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"), key);
    }

    /** Waits, if needed, so that the next {@code seconds} stay within one UTC minute (limits reset on the minute). */
    public static void awaitRoomInThisMinute(int seconds) throws InterruptedException {
        long intoMinute = Instant.now().getEpochSecond() % 60;
        if (60 - intoMinute < seconds) {
            Thread.sleep((60 - intoMinute) * 1000 + 200);
        }
    }
}
