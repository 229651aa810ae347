package ai.hokusai.sdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A scripted HTTP peer on 127.0.0.1: answers the n-th request with the n-th scripted reply (the last one
 * repeats) and records every request it saw.
 */
final class StubServer implements AutoCloseable {

    /** A request as the stub received it. */
    static final class Recorded {
        final String method;
        final String path;
        final String query;
        final Headers headers;
        final String body;

        Recorded(String method, String path, String query, Headers headers, String body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    @FunctionalInterface
    private interface Reply {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Reply> replies = Collections.synchronizedList(new ArrayList<>());
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubServer reply(int status, String contentType, String body, String... headerNamesAndValues) {
        replies.add(exchange -> {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    StubServer json(int status, String body, String... headerNamesAndValues) {
        return reply(status, "application/json", body, headerNamesAndValues);
    }

    StubServer problem(int status, String body, String... headerNamesAndValues) {
        return reply(status, "application/problem+json", body, headerNamesAndValues);
    }

    /** Drops the connection without answering, as a crashed peer or a cut network would. */
    StubServer disconnect() {
        replies.add(exchange -> {
            throw new IOException("connection dropped by the stub");
        });
        return this;
    }

    /** Answers only after {@code millis}, to outlast a client's timeout. */
    StubServer slow(long millis, int status, String body) {
        replies.add(exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    Recorded lastRequest() {
        List<Recorded> seen = requests();
        return seen.get(seen.size() - 1);
    }

    int attempts() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (replies) {
            if (replies.isEmpty()) {
                throw new IllegalStateException("no reply scripted");
            }
            reply = replies.get(Math.min(requests.size(), replies.size() - 1));
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body));
        }
        try {
            reply.answer(exchange);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
