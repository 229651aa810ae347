package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.UsageApi;
import ai.hokusai.sdk.model.UsageReport;
import java.util.Objects;

/**
 * Metered predict calls, per model and per UTC day. Only successful calls count, and a call reaches the counts
 * within about a second of its answer, since the server writes them in batches.
 */
public final class UsageService {

    private final Transport transport;

    UsageService(Transport transport) {
        this.transport = transport;
    }

    /** The calling key's calls to every model over the last 30 UTC days. */
    public ApiResult<UsageReport> retrieve() {
        return retrieve(UsageParams.builder().build(), RequestOptions.none());
    }

    public ApiResult<UsageReport> retrieve(UsageParams params) {
        return retrieve(params, RequestOptions.none());
    }

    public ApiResult<UsageReport> retrieve(UsageParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return ApiResult.of(transport.send(Operation.GET_USAGE, options, (client, headers, requestId) ->
                new UsageApi(client).getUsageWithHttpInfo(params.getFrom().orElse(null), params.getTo().orElse(null),
                        params.getModel().orElse(null), params.getKeyId().orElse(null), requestId, headers)));
    }
}
