package ai.hokusai.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.testsupport.ExampleInputs;
import ai.hokusai.testsupport.ServerLauncher;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server with the standard {@code OTEL_*} variables set exports its traces over OTLP (HTTP/protobuf) to
 * a local collector: a predict is one server span that continues the caller's {@code traceparent}, with one span per
 * stage inside it, and no key or model input in any attribute.
 */
class TracingIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final List<String> STAGES = List.of(
            "hokusai authenticate",
            "hokusai rate_limit",
            "hokusai resolve",
            "hokusai validate",
            "hokusai load",
            "hokusai model",
            "hokusai meter");

    private static final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    private static ServerLauncher server;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(ExportTraceServiceRequest.parseFrom(body));
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        collector.start();
        server = ServerLauncher.builder()
                .env(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://127.0.0.1:" + collector.getAddress().getPort())
                .env("OTEL_BSP_SCHEDULE_DELAY", "100")
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void aPredictIsOneServerSpanWithASpanPerStage() throws Exception {
        HttpResponse<String> predict = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/models/21/predict"))
                                .header("Authorization", "Bearer " + server.adminKey())
                                .header("Content-Type", "application/json")
                                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
                                .POST(HttpRequest.BodyPublishers.ofString(ExampleInputs.predictRequestJson()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(predict.statusCode()).as(predict.body()).isEqualTo(200);

        List<Span> trace = awaitSpans(STAGES.size() + 1);
        Span request = trace.stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server span in " + names(trace)));
        assertThat(hex(request.getParentSpanId()))
                .as("continues the caller's trace")
                .isEqualTo(CALLER_SPAN_ID);
        assertThat(request.getName()).contains("/api/v1/models/{modelRef}/predict");

        Map<String, Span> byName =
                trace.stream().collect(Collectors.toMap(Span::getName, Function.identity(), (a, b) -> a));
        assertThat(byName.keySet()).containsAll(STAGES);
        for (String stage : STAGES) {
            assertThat(byName.get(stage).getParentSpanId())
                    .as(stage + " inside the request's span")
                    .isEqualTo(request.getSpanId());
        }
        assertThat(resourceAttribute("service.name")).isEqualTo("hokusai-server");

        String everyAttribute = received.stream()
                .flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .flatMap(s -> s.getAttributesList().stream())
                .map(KeyValue::toString)
                .collect(Collectors.joining());
        assertThat(everyAttribute).doesNotContain(server.adminKey()).doesNotContain("VP of Engineering");
    }

    private static List<Span> awaitSpans(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Span> trace = List.of();
        while (System.nanoTime() < deadline) {
            trace = received.stream()
                    .flatMap(r -> r.getResourceSpansList().stream())
                    .flatMap(r -> r.getScopeSpansList().stream())
                    .flatMap(s -> s.getSpansList().stream())
                    .filter(s -> hex(s.getTraceId()).equals(TRACE_ID))
                    .toList();
            if (trace.size() >= atLeast) {
                return trace;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the collector got " + names(trace) + " of trace " + TRACE_ID + "; server log:\n" + server.logTail());
    }

    private static String resourceAttribute(String key) {
        return received.stream()
                .flatMap(r -> r.getResourceSpansList().stream())
                .map(ResourceSpans::getResource)
                .flatMap(r -> r.getAttributesList().stream())
                .filter(a -> a.getKey().equals(key))
                .map(a -> a.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    private static List<String> names(List<Span> spans) {
        return spans.stream().map(Span::getName).toList();
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
