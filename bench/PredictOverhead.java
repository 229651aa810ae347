import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.hokusai.server.HokusaiServerApplication;
import ai.hokusai.server.security.RateLimiter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the rate limiter and metering add to a predict request. Starts one PostgreSQL and, in turn, the server in
 * three configurations on it; fires sequential warm predicts at each and reports latency percentiles, database
 * transactions per predict (from pg_stat_database) and the limiter's store syncs per predict.
 *
 * Run with bench/overhead.sh.
 */
public class PredictOverhead {

    static final String ADMIN = "hk_test_benchAdminKey0123456789abcdefgh";
    static final String LEAD = """
            {"inputs": {"company_size": 1000, "industry": "Technology", "engagement_score": 75,
                        "website_visits": 10, "email_opens": 5, "content_downloads": 3,
                        "demo_requested": true, "budget_confirmed": false,
                        "decision_timeline": "Q2 2025", "title": "VP of Engineering"}}""";
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Variant(String name, String... args) {
    }

    public static void main(String[] argv) throws Exception {
        int n = argv.length > 0 ? Integer.parseInt(argv[0]) : 3000;
        List<Variant> variants = List.of(
                new Variant("limiter off, metering on", "--hokusai.rate-limit.enabled=false"),
                new Variant("limiter on (local copy, T=50), metering on"),
                new Variant("limiter on, every request checked in the store (T=0), metering on",
                        "--hokusai.rate-limit.max-unsynchronized-tokens=0"));
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().start()) {
            String url = db.getJdbcUrl("postgres", "postgres");
            List<String> report = new ArrayList<>();
            for (Variant variant : variants) {
                run(db, url, variant, n); // a first round warms the JVM, so the order of variants does not count
            }
            for (Variant variant : variants) {
                report.add(run(db, url, variant, n));
            }
            System.out.println();
            System.out.println("predicts per variant: " + n + " sequential, after 500 warm-up calls; one client thread");
            report.forEach(System.out::println);
        }
    }

    static String run(EmbeddedPostgres db, String url, Variant variant, int n) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--hokusai.data-dir=" + Files.createTempDirectory("bench-"),
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--hokusai.key-hash-secret=bench-secret", "--hokusai.bootstrap-api-key=" + ADMIN,
                "--logging.level.root=WARN"));
        args.addAll(Arrays.asList(variant.args()));
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(HokusaiServerApplication.class)
                .run(args.toArray(String[]::new))) {
            String base = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
            String key = createKey(base);
            for (int i = 0; i < 500; i++) {
                predict(base, key);
            }
            Thread.sleep(1500);
            long xactsBefore = transactions(db);
            RateLimiter.Counters limiterBefore = server.getBean(RateLimiter.class).counters();
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long started = System.nanoTime();
                predict(base, key);
                nanos[i] = System.nanoTime() - started;
            }
            Thread.sleep(1500); // let the metering writer and the limiter's background sync finish
            long xacts = transactions(db) - xactsBefore;
            RateLimiter.Counters limiterAfter = server.getBean(RateLimiter.class).counters();
            Arrays.sort(nanos);
            return String.format("%-68s p50 %6.3f ms  p99 %6.3f ms  db transactions/predict %.3f  limiter store "
                    + "syncs/predict %.3f", variant.name(), nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
                    (double) xacts / n, (double) (limiterAfter.syncs() - limiterBefore.syncs()) / n);
        }
    }

    static String createKey(String base) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"bench\", \"scopes\": [\"predict\"], \"rate_limit_per_hour\": 100000000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        int at = body.indexOf("\"key\":\"") + 7;
        return body.substring(at, body.indexOf('"', at));
    }

    static void predict(String base, String key) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/21/predict"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LEAD)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    /** Committed transactions of every database so far, as the statistics collector reports them. */
    static long transactions(EmbeddedPostgres db) throws Exception {
        try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet r = s.executeQuery("SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database")) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
