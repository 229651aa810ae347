package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.testsupport.ExampleInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input generated from the spec, sent to the real server: for every operation, other methods, missing, wrong and
 * ambiguous keys, bad path and query parameters, hostile headers and, for every operation with a body, every property
 * of its schema with each wrong type, null, out of bounds, missing, unknown, duplicated, plus broken JSON, encodings
 * and content types; then seeded random mutations of valid bodies (property-based, plain JUnit and a fixed seed).
 * Every answer: no 5xx, a status the operation documents, problem+json for every error (on the OpenAI-compatible
 * routes, OpenAI's error shape with our code instead), the request id, and the rate-limit headers on every answer to a
 * valid key.
 */
class BadInputCorpusIT extends ServerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");
    private static final long SEED = 20261130L;
    private static final int RANDOM_BODIES_PER_OPERATION = 200;
    private static final String OPENAI_ROUTES = "/api/openai/";

    private final ApiSpecDocument spec = new ApiSpecDocument();
    private String key;
    private int sent;

    /**
     * One request of the corpus, and the operation whose documented statuses its answer must be among; a probe that
     * {@code expects} a status (0: any documented one) must get that one, naming {@code field} when one is given.
     */
    record Probe(
            String operationId,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            boolean validKey,
            Framing framing,
            int expects,
            String field) {

        Probe(
                String operationId,
                String method,
                String target,
                Map<String, String> headers,
                byte[] body,
                boolean validKey) {
            this(operationId, method, target, headers, body, validKey, Framing.WHOLE, 0, null);
        }

        Probe expecting(int status, String pointer) {
            return new Probe(operationId, method, target, headers, body, validKey, framing, status, pointer);
        }

        Probe framed(Framing how) {
            return new Probe(operationId, method, target, headers, body, validKey, how, expects, field);
        }
    }

    /** How the body is sent: whole with its length, in chunks of which the first has no hex size, or cut short. */
    enum Framing {
        WHOLE,
        MALFORMED_CHUNK,
        SHORT_THEN_HALF_CLOSED
    }

    /** The operations the corpus's admin key may call, so that a bad body is what each answer is about. */
    private static final Set<String> ADMIN_BODY_OPERATIONS = Set.of(
            "predict",
            "createApiKey",
            "reportOutcome",
            "createModel",
            "updateModel",
            "createDeployment",
            "setHuggingFaceCredential",
            "inferTensors",
            "inferTensorsOfVersion");

    /** One operation of the spec. */
    record Operation(
            String id,
            String method,
            String template,
            List<Map<String, Object>> parameters,
            Map<String, Object> bodySchema,
            Set<String> statuses,
            boolean keyed) {}

    @Test
    void everyBadRequestGetsADocumentedProblemAndNeverA5xx() throws Exception {
        key = TestKeys.create(http(), List.of("admin"), null, 100_000_000).secret();
        registerCorpusModel();
        List<Probe> corpus = new ArrayList<>();
        for (Operation op : operations()) {
            corpus.addAll(probes(op));
        }
        run(corpus, "spec-generated");
        assertThat(corpus.size()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void randomMutationsOfValidBodiesAreAnsweredAsDocumented() throws Exception {
        key = TestKeys.create(http(), List.of("admin"), null, 100_000_000).secret();
        registerCorpusModel();
        Random random = new Random(SEED);
        List<Probe> corpus = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.bodySchema() == null) {
                continue;
            }
            for (int i = 0; i < RANDOM_BODIES_PER_OPERATION; i++) {
                Object body = mutate(validBody(op.id()), random, 0);
                corpus.add(keyed(
                        op,
                        op.method(),
                        path(op, Map.of()),
                        Map.of("Content-Type", "application/json"),
                        JSON.writeValueAsBytes(body)));
            }
        }
        run(corpus, "random bodies (seed " + SEED + ")");
    }

    // --- the corpus ---------------------------------------------------------------------------------------------

    private List<Probe> probes(Operation op) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> json = op.bodySchema() == null ? Map.of() : Map.of("Content-Type", "application/json");
        byte[] valid = op.bodySchema() == null ? null : bytes(validBody(op.id()));
        String path = path(op, Map.of());
        probes.add(keyed(op, op.method(), path, json, valid));

        // Methods the route does not take.
        Set<String> routeMethods = routeMethods(op.template());
        for (String method : METHODS) {
            if (!routeMethods.contains(method)) {
                probes.add(keyed(op, method, path, Map.of(), null));
            }
        }

        // Keys: none, wrong, of another scheme, two of them.
        if (op.keyed()) {
            String bearer = "Bearer " + key;
            for (Map<String, String> headers : List.of(
                    Map.<String, String>of(),
                    Map.of("Authorization", "Bearer"),
                    Map.of("Authorization", "Bearer hk_test_wrong"),
                    Map.of("Authorization", "Basic dXNlcjpwYXNz"),
                    Map.of("X-API-Key", "hk_live_nope"),
                    Map.of("Authorization", bearer, "X-API-Key", "hk_test_another0000000000000000"),
                    Map.of("Authorization", bearer, "X-API-Key", key))) {
                Map<String, String> all = new LinkedHashMap<>(json);
                all.putAll(headers);
                probes.add(new Probe(op.id(), op.method(), path, all, valid, false));
            }
        }

        // Path parameters.
        for (Map<String, Object> parameter : op.parameters()) {
            String name = (String) parameter.get("name");
            if ("path".equals(parameter.get("in"))) {
                for (String bad : List.of(
                        "NOT_A_REF",
                        "0",
                        "-1",
                        "1.5",
                        "99999999999",
                        "a".repeat(300),
                        "%00",
                        "%ZZ",
                        "%C3%28",
                        "..%2F..",
                        "%2F",
                        "x;y=1",
                        "%C3%A9",
                        "%20",
                        "null",
                        "21%0A",
                        "true",
                        UUID.randomUUID().toString().toUpperCase(Locale.ROOT),
                        "00000000-0000-0000-0000-000000000000")) {
                    probes.add(keyed(op, op.method(), path(op, Map.of(name, bad)), json, valid));
                }
            } else if ("query".equals(parameter.get("in"))) {
                for (String bad : List.of(
                        "x",
                        "-1",
                        "0",
                        "1.5",
                        "",
                        "1e3",
                        "%",
                        "%ZZ",
                        "%C3%28",
                        "%00",
                        "a".repeat(500),
                        "true",
                        "2026-13-45",
                        "2026-02-30",
                        "21",
                        "%E2%80%AE",
                        "1,2")) {
                    probes.add(keyed(op, op.method(), path + "?" + name + "=" + bad, json, valid));
                }
                probes.add(keyed(op, op.method(), path + "?" + name + "=1&" + name + "=2", json, valid));
            }
        }
        probes.add(keyed(op, op.method(), path + "?unknown_parameter=1", json, valid));
        probes.add(keyed(op, op.method(), path + "?%ZZ=1", json, valid));

        // Headers.
        for (Map<String, String> headers : List.of(
                Map.of("Accept", "application/xml"),
                Map.of("Accept", "text/html"),
                Map.of("X-Request-Id", "x".repeat(200)),
                Map.of("X-Request-Id", "has space"),
                Map.of("Idempotency-Key", "k".repeat(300)),
                Map.of("Expect", "foo"),
                Map.of("TE", "gzip"),
                Map.of("Range", "bytes=0-1"),
                Map.of("Accept-Charset", "ebcdic"),
                Map.of("Accept-Encoding", "br;q=x"),
                Map.of("Content-Language", "\u00e9"),
                Map.of("X-Huge", "h".repeat(12_000)))) {
            Map<String, String> all = new LinkedHashMap<>(json);
            all.putAll(headers);
            probes.add(keyed(op, op.method(), path, all, valid));
        }

        if (op.bodySchema() != null) {
            probes.addAll(bodyProbes(op, path));
        }
        return probes;
    }

    private List<Probe> bodyProbes(Operation op, String path) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        byte[] valid = bytes(validBody(op.id()));
        for (String contentType : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=ISO-8859-1",
                "application/json-patch+json",
                "*/*",
                "application/json; charset=nonsense")) {
            probes.add(keyed(op, op.method(), path, Map.of("Content-Type", contentType), valid));
        }
        probes.add(keyed(op, op.method(), path, Map.of(), valid));
        for (String broken : List.of(
                "",
                "null",
                "[]",
                "\"x\"",
                "1",
                "{",
                "{}}",
                "{} x",
                "\uFEFF{}",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":NaN}",
                "[".repeat(5_000),
                "{\"a\":".repeat(3_000),
                "{\"a\":1e99999}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u0000\"}")) {
            probes.add(keyed(op, op.method(), path, json, broken.getBytes(StandardCharsets.UTF_8)));
        }
        probes.add(keyed(
                op, op.method(), path, json, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}));
        probes.add(keyed(
                op,
                op.method(),
                path,
                json,
                ("{\"pad\":\"" + "p".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8)));

        // Broken framing is the client's fault: a 400, never a 5xx (nor a wait for bytes that never come).
        for (Framing framing : List.of(Framing.MALFORMED_CHUNK, Framing.SHORT_THEN_HALF_CLOSED)) {
            Probe broken = keyed(op, op.method(), path, json, valid).framed(framing);
            probes.add(ADMIN_BODY_OPERATIONS.contains(op.id()) ? broken.expecting(400, null) : broken);
        }

        Map<String, Object> schema = resolve(op.bodySchema());
        probes.addAll(propertyProbes(op, path, validBody(op.id()), schema, ""));
        if ("predict".equals(op.id())) {
            Map<String, Object> lead = spec.resolve("#/components/schemas/LeadScoringInput");
            probes.addAll(propertyProbes(op, path, validBody(op.id()), lead, "/inputs"));
            for (Object inputs : List.of(
                    List.of(),
                    List.of(1),
                    List.of(List.of()),
                    java.util.Collections.nCopies(101, ExampleInputs.lead()),
                    "lead",
                    21,
                    true)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("inputs", inputs);
                probes.add(keyed(op, op.method(), path, json, bytes(body)));
            }
        }
        return probes;
    }

    /** Every property of the object at {@code at} in the valid body: each wrong type, null, bounds, gone, NUL. */
    @SuppressWarnings("unchecked")
    private List<Probe> propertyProbes(
            Operation op, String path, Map<String, Object> valid, Map<String, Object> schema, String at) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Map<String, Object> propertySchema = resolve((Map<String, Object>) property.getValue());
            List<Object> values = new ArrayList<>(java.util.Arrays.asList(
                    "x",
                    5,
                    1.5,
                    true,
                    List.of(),
                    Map.of(),
                    null,
                    "",
                    "a\u0000b",
                    2147483648L,
                    -1,
                    0,
                    "5",
                    "1.5",
                    "1893456000",
                    1e300,
                    List.of("x", "x"),
                    "2026-11-30T09:00:00",
                    "x".repeat(300)));
            if (propertySchema.get("minimum") instanceof Number min) {
                values.add(min.longValue() - 1);
            }
            if (propertySchema.get("maximum") instanceof Number max) {
                values.add(max.longValue() + 1);
            }
            if (propertySchema.get("maxItems") instanceof Number maxItems) {
                values.add(java.util.Collections.nCopies(maxItems.intValue() + 1, "predict"));
            }
            for (Object value : values) {
                Map<String, Object> body = copy(valid);
                target(body, at).put(property.getKey(), value);
                probes.add(keyed(op, op.method(), path, json, bytes(body)));
            }
            // A number beyond a double's range (JSON allows it; Java reads it as infinity): a 422 naming the field.
            for (String beyond : List.of("1e400", "-1e400")) {
                Map<String, Object> body = copy(valid);
                target(body, at).put(property.getKey(), BEYOND_A_DOUBLE);
                byte[] text = new String(bytes(body), StandardCharsets.UTF_8)
                        .replace("\"" + BEYOND_A_DOUBLE + "\"", beyond)
                        .getBytes(StandardCharsets.UTF_8);
                Probe probe = keyed(op, op.method(), path, json, text);
                probes.add(
                        ADMIN_BODY_OPERATIONS.contains(op.id())
                                ? probe.expecting(422, at + "/" + property.getKey())
                                : probe);
            }
            Map<String, Object> without = copy(valid);
            target(without, at).remove(property.getKey());
            probes.add(keyed(op, op.method(), path, json, bytes(without)));
            String text = new String(bytes(valid), StandardCharsets.UTF_8);
            String duplicated = text.replaceFirst(
                    "\"" + property.getKey() + "\":",
                    "\"" + property.getKey() + "\":null,\"" + property.getKey() + "\":");
            probes.add(keyed(op, op.method(), path, json, duplicated.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> extra = copy(valid);
        target(extra, at).put("unknown_field", 1);
        probes.add(keyed(op, op.method(), path, json, bytes(extra)));
        return probes;
    }

    private static final String BEYOND_A_DOUBLE = "beyond-a-double";

    /** A value like the valid one but broken somewhere: replaced, removed, or given a field it does not have. */
    @SuppressWarnings("unchecked")
    private static Object mutate(Object value, Random random, int depth) {
        if (value instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(4) != 0) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(copy.keySet());
            String field = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> copy.remove(field);
                case 1 -> copy.put("f" + random.nextInt(1_000), randomValue(random, depth));
                default -> copy.put(field, mutate(copy.get(field), random, depth + 1));
            }
            return copy;
        }
        if (value instanceof List<?> list && !list.isEmpty() && random.nextBoolean()) {
            List<Object> copy = new ArrayList<>(list);
            int index = random.nextInt(copy.size());
            copy.set(index, mutate(copy.get(index), random, depth + 1));
            return copy;
        }
        return randomValue(random, depth);
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 9 : 11)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> randomString(random);
            case 6 -> java.util.Arrays.asList("predict", "predict");
            case 7 -> UUID.randomUUID().toString();
            case 8 -> "2026-0" + random.nextInt(10) + "-3" + random.nextInt(10) + "T25:00:00Z";
            case 9 -> java.util.Arrays.asList(randomValue(random, depth + 1), randomValue(random, depth + 1));
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("k" + random.nextInt(10), randomValue(random, depth + 1));
                yield object;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextInt(8) == 0 ? 400 : 12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x10FFFF) : 0x20 + random.nextInt(0x5F));
        }
        return text.toString().replace("\ud800", "");
    }

    // --- running and judging ----------------------------------------------------------------------------------

    private void run(List<Probe> corpus, String name) throws IOException {
        SortedMap<String, SortedSet<Integer>> seen = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        operations().forEach(op -> documented.put(op.id(), op.statuses()));
        for (Probe probe : corpus) {
            Answer answer = send(probe);
            seen.computeIfAbsent(probe.operationId(), id -> new TreeSet<>()).add(answer.status());
            String problem = judge(probe, answer, documented.get(probe.operationId()));
            if (problem != null) {
                failures.add(probe.method() + " " + abbreviate(probe.target()) + " "
                        + abbreviate(probe.headers().toString()) + " body "
                        + abbreviate(probe.body() == null ? "-" : new String(probe.body(), StandardCharsets.UTF_8))
                        + " -> " + answer.status() + ": " + problem);
            }
        }
        System.out.printf(
                "BadInputCorpusIT %s: %d requests; statuses seen per operation: %s%n", name, corpus.size(), seen);
        assertThat(failures).as("answers outside the contract").isEmpty();
    }

    private String judge(Probe probe, Answer answer, Set<String> documented) {
        if (answer.status() >= 500) {
            return "a 5xx";
        }
        if (probe.expects() != 0 && answer.status() != probe.expects()) {
            return "not the expected " + probe.expects();
        }
        boolean openAi = probe.target().startsWith(OPENAI_ROUTES);
        String fieldMember = openAi && !containerRefusal(answer) ? "param" : "pointer";
        if (probe.field() != null && !answer.body().contains("\"" + fieldMember + "\":\"" + probe.field() + "\"")) {
            return "does not name " + probe.field() + ": " + abbreviate(answer.body());
        }
        if (answer.header("X-Request-Id") == null) {
            return "no X-Request-Id";
        }
        if (!documented.contains(Integer.toString(answer.status()))) {
            return "status not documented for " + probe.operationId() + " " + documented;
        }
        // The container refuses some requests before the API sees them (an undecodable URL, a header it cannot
        // read; TRACE, which it never passes on): no key was looked at, so no quota is described.
        boolean reachedTheApi =
                answer.body().contains(openAi ? "\"error\":{" : "\"instance\"") && !"TRACE".equals(probe.method());
        if (probe.validKey()
                && probe.target().startsWith("/api/")
                && answer.status() != 401
                && reachedTheApi
                && (answer.header("RateLimit") == null || answer.header("RateLimit-Policy") == null)) {
            return "no RateLimit headers on an answer to a valid key";
        }
        if (answer.status() >= 400 && openAi && !containerRefusal(answer)) {
            return openAiErrorFault(answer);
        }
        if (answer.status() >= 400) {
            String contentType = answer.header("Content-Type");
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                return "not problem+json: " + contentType;
            }
            JsonNode body;
            try {
                body = JSON.readTree(answer.body());
            } catch (RuntimeException e) {
                return "a problem body that is not JSON";
            }
            if (!body.path("code").isString()
                    || !answer.header("X-Request-Id")
                            .equals(body.path("request_id").asString())
                    || body.path("status").asInt() != answer.status()) {
                return "a problem without its code, status or request id: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    /**
     * A request the container refused before the API saw it (an undecodable URL, a header it cannot read): a problem
     * without an instance, whatever the path, since no route was matched.
     */
    private static boolean containerRefusal(Answer answer) {
        String contentType = answer.header("Content-Type");
        return contentType != null
                && contentType.startsWith("application/problem+json")
                && !answer.body().contains("\"instance\"");
    }

    /** An error of an OpenAI-compatible route: OpenAI's shape, carrying our code and the request id. */
    private static String openAiErrorFault(Answer answer) {
        String contentType = answer.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return "not OpenAI's error shape (application/json): " + contentType;
        }
        JsonNode error;
        try {
            error = JSON.readTree(answer.body()).path("error");
        } catch (RuntimeException e) {
            return "an error body that is not JSON";
        }
        if (!error.path("code").isString()
                || !error.path("message").isString()
                || !error.path("type").isString()
                || !answer.header("X-Request-Id")
                        .equals(error.path("request_id").asString())) {
            return "an OpenAI error without its code, message, type or request id: " + abbreviate(answer.body());
        }
        return null;
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends the request byte for byte as built (no client library would send most of these), Connection: close. */
    private Answer send(Probe probe) throws IOException {
        StringBuilder head = new StringBuilder(probe.method())
                .append(' ')
                .append(probe.target())
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (!probe.headers().containsKey("X-Request-Id")) {
            head.append("X-Request-Id: corpus-").append(++sent).append("\r\n"); // to find a probe in the log
        }
        probe.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = probe.body();
        if (body != null) {
            switch (probe.framing()) {
                case WHOLE ->
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                case MALFORMED_CHUNK -> {
                    head.append("Transfer-Encoding: chunked\r\n");
                    body = ("zz\r\n" + new String(body, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                case SHORT_THEN_HALF_CLOSED -> {
                    head.append("Content-Length: ").append(body.length + 100).append("\r\n");
                }
            }
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    socket.getOutputStream().write(body);
                    if (probe.framing() == Framing.SHORT_THEN_HALF_CLOSED) {
                        socket.shutdownOutput();
                    }
                } catch (IOException e) {
                    // The server answered and closed before the whole body was sent (e.g. 413); read its answer.
                }
            }
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        byte[] raw = in.readAllBytes();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    // --- the spec ------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        paths.forEach((template, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
                return;
            }
            Map<String, Object> op = (Map<String, Object>) value;
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (Object parameter : (List<Object>) op.getOrDefault("parameters", List.of())) {
                parameters.add(resolve((Map<String, Object>) parameter));
            }
            Map<String, Object> body = null;
            if (op.get("requestBody") instanceof Map<?, ?> requestBody) {
                body = (Map<String, Object>) ((Map<String, Object>)
                                ((Map<String, Object>) requestBody.get("content")).get("application/json"))
                        .get("schema");
            }
            Set<String> statuses = new TreeSet<>(((Map<String, Object>) op.get("responses")).keySet());
            operations.add(new Operation(
                    (String) op.get("operationId"),
                    method.toUpperCase(Locale.ROOT),
                    template,
                    parameters,
                    body,
                    statuses,
                    !List.of().equals(op.get("security"))));
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private Set<String> routeMethods(String template) {
        Set<String> methods = new TreeSet<>();
        ((Map<String, Object>) ((Map<String, Object>) spec.root().get("paths")).get(template))
                .keySet()
                .forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
        return methods;
    }

    private Map<String, Object> resolve(Map<String, Object> node) {
        return node.get("$ref") instanceof String ref ? spec.resolve(ref) : node;
    }

    /** A model of the corpus's own, so that the requests that change a model leave model 21 as it is. */
    private static final String CORPUS_MODEL = "corpus-model";

    private static final java.util.Set<String> MODEL_WRITES = java.util.Set.of("updateModel", "createDeployment");

    private void registerCorpusModel() {
        int status = http().postJson(
                        "/api/v1/models",
                        "{\"slug\": \"" + CORPUS_MODEL + "\", \"name\": \"Corpus\", "
                                + "\"task\": \"tabular-classification\", \"input_schema\": {\"type\": \"object\"}, "
                                + "\"output_schema\": {\"type\": \"object\"}}")
                .status();
        assertThat(status).isIn(201, 409);
    }

    private static String path(Operation op, Map<String, String> overrides) {
        String path = op.template();
        Map<String, String> values = Map.of(
                "modelRef",
                MODEL_WRITES.contains(op.id()) ? CORPUS_MODEL : "21",
                "deploymentId",
                "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21",
                "keyId",
                "00000000-0000-4000-8000-000000000405",
                "model_name",
                "21",
                "model_version",
                "2.0.0",
                "model",
                "21");
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", overrides.getOrDefault(value.getKey(), value.getValue()));
        }
        return path;
    }

    private Map<String, Object> validBody(String operationId) {
        return switch (operationId) {
            case "predict" -> copy(ExampleInputs.predictRequest());
            case "inferTensors", "inferTensorsOfVersion" -> Tenants.example("InferenceRequestOneLead");
            case "createApiKey" ->
                new LinkedHashMap<>(Map.of("name", "corpus", "scopes", List.of("predict"), "mode", "test"));
            case "reportOutcome" ->
                new LinkedHashMap<>(Map.of(
                        "inference_log_id",
                        UUID.randomUUID().toString(),
                        "outcome_score",
                        1,
                        "outcome_type",
                        "conversion"));
            case "createModel" ->
                new LinkedHashMap<>(Map.of(
                        "slug",
                        "corpus-registered",
                        "name",
                        "Corpus",
                        "task",
                        "tabular-classification",
                        "input_schema",
                        Map.of("type", "object"),
                        "output_schema",
                        Map.of("type", "object")));
            case "updateModel" -> new LinkedHashMap<>(Map.of("cache_ttl_seconds", 60));
            case "createDeployment" ->
                new LinkedHashMap<>(Map.of(
                        "version",
                        "corpus-" + UUID.randomUUID(),
                        "runtime",
                        "lscor-logistic",
                        "artifact_uri",
                        "file:///nonexistent/corpus-artifact"));
            case "setHuggingFaceCredential" -> new LinkedHashMap<>(Map.of("token", "hf_corpusToken"));
            // Model 21 embeds nothing (a documented 404); what is probed is how the body is read.
            case "createOpenAiEmbeddings" -> new LinkedHashMap<>(Map.of("model", "21", "input", "A short one."));
            case "createAccount" ->
                new LinkedHashMap<>(
                        Map.of("slug", "corpus-" + UUID.randomUUID().toString().substring(0, 8), "name", "Corpus"));
            default -> throw new IllegalStateException("No valid body for " + operationId);
        };
    }

    private Probe keyed(Operation op, String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (op.keyed()) {
            all.put("Authorization", "Bearer " + key);
        }
        return new Probe(op.id(), method, target, all, body, op.keyed());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> value) {
        return JSON.convertValue(value, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> body, String at) {
        return at.isEmpty() ? body : (Map<String, Object>) body.get(at.substring(1));
    }

    private static byte[] bytes(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
