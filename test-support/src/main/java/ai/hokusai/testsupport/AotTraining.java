package ai.hokusai.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package step that lets the server start fast: it extracts the executable jar into the layout the JDK's AOT
 * cache needs (an application jar and its {@code lib/}, as Spring Boot documents), then makes a training run of that
 * jar with {@code -XX:AOTCacheOutput}: a throwaway server (temporary data directory, its own embedded PostgreSQL)
 * answers a bounded burst of the calls clients make — predictions one by one and in batches, reads, refusals — so the
 * cache holds the classes loaded, linked and profiled on those paths. The burst is counted in calls, not seconds: it
 * lasts until the optimising compiler has compiled the request path (a method called once per request is compiled
 * after some 10,000 calls), so that the cache records how that path ran compiled, on a fast machine or a slow one.
 * Nothing of a real installation is touched.
 *
 * <p>Usage: {@code AotTraining <executable jar> <destination directory> <calls> <at most seconds> [JVM options ...]}
 * (options separated by spaces, in one argument or several); the
 * cache is written to {@code <destination>/<jar name>.aot}, next to the extracted jar. The JVM options are those the
 * README's run command gives, so the cache is made under the settings it is used with.
 */
public final class AotTraining {

    private static final int CALLERS = 8;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: AotTraining <jar> <destination> <calls> <at most seconds> [JVM option ...]");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path destination = Path.of(args[1]).toAbsolutePath();
        long calls = Long.parseLong(args[2]);
        Duration atMost = Duration.ofSeconds(Long.parseLong(args[3]));
        String name = jar.getFileName().toString();
        Path extracted = destination.resolve(name);
        Path cache = destination.resolve(name.replaceFirst("\\.jar$", "") + ".aot");

        extract(jar, destination);
        Files.deleteIfExists(cache);
        ServerLauncher.Builder builder = ServerLauncher.builder()
                .jar(extracted)
                .jvmArg("-XX:AOTCacheOutput=" + cache)
                .log(destination.getParent().resolve("aot-training.log"))
                .stopTimeout(Duration.ofMinutes(5));
        for (int i = 4; i < args.length; i++) {
            for (String option : args[i].trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    builder.jvmArg(option);
                }
            }
        }
        long answered;
        long started = System.nanoTime();
        try (ServerLauncher server = builder.start()) {
            answered = exercise(server, calls, atMost);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run wrote no AOT cache at " + cache + "; see "
                    + destination.getParent().resolve("aot-training.log"));
        }
        System.out.printf(
                "AOT cache %s: %d MiB, trained on %d answered calls in %d s%n",
                cache, Files.size(cache) >> 20, answered, seconds);
        if (answered < calls) {
            System.out.printf(
                    "The training run stopped after %d s with %d of %d calls answered: the cache may leave part of the"
                            + " request path to be compiled under the first traffic%n",
                    atMost.toSeconds(), answered, calls);
        }
    }

    private static void extract(Path jar, Path destination) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process extract = new ProcessBuilder(
                        java,
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        destination.toString(),
                        "--force")
                .inheritIO()
                .start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("Extracting " + jar + " failed with " + extract.exitValue());
        }
    }

    /**
     * The calls a client makes, from several callers at once, until {@code calls} are answered or the time is up;
     * returns how many were answered.
     */
    private static long exercise(ServerLauncher server, long calls, Duration atMost) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String key = highLimitKey(http, server);
        String base = server.baseUrl();
        String lead = ExampleInputs.predictRequestJson();
        String batch = ExampleInputs.json(java.util.Map.of("inputs", ExampleInputs.leads()));
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add(post(base + "/api/v1/models/21/predict", key, lead)); // the hot path, most of the traffic
        }
        requests.add(post(base + "/api/v1/models/lscor-v2/predict", key, lead));
        requests.add(post(base + "/api/v1/models/21/predict", key, batch));
        requests.add(post(base + "/api/v1/models/21/predict", key, lead.replace("1000", "-5"))); // 422
        requests.add(post(base + "/api/v1/models/21/predict", key, "{\"inputs\":")); // 400
        requests.add(get(base + "/api/v1/models/21", key));
        requests.add(get(base + "/api/v1/models/21/info", key));
        requests.add(get(base + "/api/v1/models", key));
        requests.add(get(base + "/api/v1/models/9999", key)); // 404
        requests.add(get(base + "/health/live", null));
        requests.add(get(base + "/api/v1/models/21", "hk_test_" + "0".repeat(32))); // 401

        AtomicLong answered = new AtomicLong();
        long deadline = System.nanoTime() + atMost.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            int first = c;
            running.add(callers.submit(() -> {
                for (int i = first; answered.get() < calls && System.nanoTime() < deadline; i++) {
                    http.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding());
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> caller : running) {
                caller.get();
            }
        } finally {
            callers.shutdownNow();
        }
        return answered.get();
    }

    /** A key of the throwaway server's, with an hourly limit that the burst cannot reach. */
    private static String highLimitKey(HttpClient http, ServerLauncher server) throws Exception {
        HttpResponse<String> created = http.send(
                post(
                        server.baseUrl() + "/api/v1/api-keys",
                        server.adminKey(),
                        "{\"name\":\"aot-training\",\"scopes\":[\"predict\",\"models:read\"],"
                                + "\"rate_limit_per_minute\":100000,\"rate_limit_per_hour\":100000000}"),
                HttpResponse.BodyHandlers.ofString());
        Matcher secret = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !secret.find()) {
            throw new IllegalStateException(
                    "Could not issue the training key: " + created.statusCode() + " " + created.body());
        }
        return secret.group(1);
    }

    private static HttpRequest post(String url, String key, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static HttpRequest get(String url, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }
}
