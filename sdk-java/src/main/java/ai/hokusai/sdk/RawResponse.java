package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A call's value with the HTTP answer it came in: the request id the server logged it under, the key's rate limit,
 * a deprecation notice and every header. Each service's {@code withRawResponse()} view answers its calls in this
 * one shape; the service itself answers the value alone.
 *
 * <pre>{@code
 * RawResponse<Model> response = client.models().withRawResponse().get("21");
 * Model model = response.getValue();
 * String requestId = response.getRequestId();
 * }</pre>
 */
public final class RawResponse<T> {

    private final T value;
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final RateLimit rateLimit;
    private final Deprecation deprecation;

    private RawResponse(int statusCode, Map<String, List<String>> headers, T value) {
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        }
        this.statusCode = statusCode;
        this.headers = Collections.unmodifiableMap(sorted);
        this.value = value;
        this.rateLimit = RateLimit.from(this.headers).orElse(null);
        this.deprecation = Deprecation.from(this.headers).orElse(null);
    }

    static <T> RawResponse<T> of(ApiResponse<T> response) {
        return new RawResponse<>(response.getStatusCode(), response.getHeaders(), response.getData());
    }

    /** The same answer carrying {@code newValue}: what the facade made of the generated client's value. */
    <U> RawResponse<U> withValue(U newValue) {
        return new RawResponse<>(statusCode, headers, newValue);
    }

    /** What the call answered: the value the service's own method returns. */
    public T getValue() {
        return value;
    }

    /** The HTTP status of the answer. */
    public int getStatusCode() {
        return statusCode;
    }

    /** Every response header, by case-insensitive name. */
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /** The first value of a response header. */
    public Optional<String> getHeader(String name) {
        return ResponseHeaders.first(headers, name);
    }

    /** The request id the server logged this call under ({@code X-Request-Id}); quote it to support. */
    public String getRequestId() {
        return ResponseHeaders.requestId(headers);
    }

    /** The key's quota after this call, when the answer carried the {@code RateLimit} headers. */
    public Optional<RateLimit> getRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** The server's notice that this call, or fields of its answer, will go away; empty when there is none. */
    public Optional<Deprecation> getDeprecation() {
        return Optional.ofNullable(deprecation);
    }

    /**
     * True when this is the stored answer to an earlier call with the same {@code Idempotency-Key}
     * ({@code Idempotent-Replayed}): the call did not run again and was not metered again.
     */
    public boolean isReplayed() {
        return getHeader("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
    }

    @Override
    public String toString() {
        return "RawResponse{status=" + statusCode + ", requestId=" + getRequestId() + ", value=" + value + "}";
    }
}
