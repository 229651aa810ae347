package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiResponse;
import java.util.Optional;

/**
 * What a call answered, with the request id the server logged it under and the key's rate limit as the
 * response reported it.
 */
public class ApiResult<T> {

    private final T data;
    private final String requestId;
    private final RateLimit rateLimit;

    ApiResult(T data, String requestId, RateLimit rateLimit) {
        this.data = data;
        this.requestId = requestId;
        this.rateLimit = rateLimit;
    }

    static <T> ApiResult<T> of(ApiResponse<T> response) {
        return new ApiResult<>(response.getData(), ResponseHeaders.requestId(response.getHeaders()),
                RateLimit.from(response.getHeaders()).orElse(null));
    }

    public T getData() {
        return data;
    }

    /** The request id the server logged this call under ({@code X-Request-Id}). */
    public String getRequestId() {
        return requestId;
    }

    /** The key's quota after this call, when the response carried the {@code RateLimit} headers. */
    public Optional<RateLimit> getRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{data=" + data + ", requestId=" + requestId + "}";
    }
}
