package ai.hokusai.sdk;

import java.io.Closeable;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The {@link HttpClient} the generated client sends through. It resends the very same {@link HttpRequest}
 * when {@link RetryPolicy} allows, so a retried POST carries the same body and the same
 * {@code Idempotency-Key} as the first attempt, and the server can tell it is a repeat.
 */
final class RetryingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final int maxRetries;
    private final boolean replayable;

    /**
     * @param replayable whether the request may be resent after a failed connection, when it may have reached
     *                   the server; statuses that say it did not run (429, 503) are retried either way
     */
    RetryingHttpClient(HttpClient delegate, RetryPolicy policy, Sleeper sleeper, int maxRetries, boolean replayable) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
        this.replayable = replayable;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int retry = 0; ; retry++) {
            HttpResponse<T> response;
            try {
                response = delegate.send(request, handler);
            } catch (IOException connectionFailure) {
                if (retry >= maxRetries || !replayable) {
                    throw connectionFailure;
                }
                sleeper.sleep(policy.delay(retry, Optional.empty()));
                continue;
            }
            if (retry >= maxRetries || !RetryPolicy.isRetryableStatus(response.statusCode())) {
                return response;
            }
            discard(response);
            sleeper.sleep(policy.delay(retry, RetryPolicy.retryAfter(response.headers())));
        }
    }

    /** Frees the connection of a response nobody will read. */
    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof Closeable) {
            ((Closeable) response.body()).close();
        }
    }

    // The generated client is synchronous; asynchronous sends pass straight through, without retries.
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
