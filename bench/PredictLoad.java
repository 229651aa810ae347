import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the predict hot path over HTTP, against a server on this machine.
 *
 * <pre>
 *   java bench/PredictLoad.java --key hk_test_… [--url http://localhost:8080] [--requests 5000]
 *        [--concurrency 8] [--batch 1] [--model 21]
 * </pre>
 *
 * Warms the model first, then fires a bounded number of requests and reports throughput, client-side latency
 * percentiles and the model's own time ({@code metadata.latency_ms}), so the cost of everything around the model
 * (HTTP, auth, validation, metering) can be read off as the difference.
 */
public class PredictLoad {

    private static final String LEAD = "{\"company_size\": 1000, \"industry\": \"Technology\", \"engagement_score\": 75,"
            + " \"website_visits\": 10, \"email_opens\": 5, \"content_downloads\": 3, \"demo_requested\": true,"
            + " \"budget_confirmed\": false, \"decision_timeline\": \"Q2 2025\", \"title\": \"VP of Engineering\"}";
    private static final Pattern MODEL_LATENCY = Pattern.compile("\"latency_ms\":\\s*([0-9.Ee+-]+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        String key = options.getOrDefault("key", System.getenv("HOKUSAI_API_KEY"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "5000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "1"));
        String model = options.getOrDefault("model", "21");
        if (key == null || !url.matches("https?://(localhost|127\\.[0-9.]+|\\[::1])(:[0-9]+)?/?")) {
            System.err.println("Needs --key (or HOKUSAI_API_KEY) and a --url on this machine (localhost/127.x).");
            System.exit(2);
        }
        String body = batch == 1 ? "{\"inputs\": " + LEAD + "}"
                : "{\"inputs\": [" + String.join(",", Collections.nCopies(batch, LEAD)) + "]}";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + "/api/v1/models/"
                        + model + "/predict"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        for (int i = 0; i < Math.min(200, requests); i++) { // warm-up: JIT, caches, connections
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long t1 = System.nanoTime();
                Matcher m = MODEL_LATENCY.matcher(response.body());
                long modelNanos = m.find() ? (long) (Double.parseDouble(m.group(1)) * 1_000_000) : -1;
                return new long[] {response.statusCode(), t1 - t0, modelNanos};
            }));
        }
        List<Long> latencies = new ArrayList<>();
        List<Long> modelTimes = new ArrayList<>();
        Map<Long, Integer> statuses = new TreeMap<>();
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            statuses.merge(r[0], 1, Integer::sum);
            latencies.add(r[1]);
            if (r[2] >= 0) {
                modelTimes.add(r[2]);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        Collections.sort(latencies);
        Collections.sort(modelTimes);
        System.out.printf("requests %d, concurrency %d, batch %d: %.0f req/s (%.0f predictions/s)%n", requests,
                concurrency, batch, requests / seconds, requests * batch / seconds);
        System.out.println("statuses " + statuses);
        System.out.printf("latency ms   p50 %.3f  p90 %.3f  p99 %.3f  max %.3f%n", pct(latencies, 50),
                pct(latencies, 90), pct(latencies, 99), pct(latencies, 100));
        if (!modelTimes.isEmpty()) {
            System.out.printf("model ms     p50 %.3f  p90 %.3f  p99 %.3f%n", pct(modelTimes, 50), pct(modelTimes, 90),
                    pct(modelTimes, 99));
        }
    }

    private static double pct(List<Long> sorted, int p) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
