package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.UsageApi;
import ai.hokusai.sdk.model.UsageReport;
import java.util.Objects;

/**
 * Metered predict calls of a key or of the caller's whole account, per model and per UTC day (a model's usage by
 * every calling account is {@link ModelService#usage}). Only successful calls count, and a call reaches the counts
 * within about a second of its answer, since the server writes them in batches.
 */
public final class UsageService {

    private final WithRawResponse raw;

    UsageService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** The calling key's calls to every model over the last 30 UTC days. */
    public UsageReport retrieve() {
        return raw.retrieve().getValue();
    }

    public UsageReport retrieve(UsageParams params) {
        return raw.retrieve(params).getValue();
    }

    public UsageReport retrieve(UsageParams params, RequestOptions options) {
        return raw.retrieve(params, options).getValue();
    }

    /** {@link UsageService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<UsageReport> retrieve() {
            return retrieve(UsageParams.builder().build(), RequestOptions.none());
        }

        public RawResponse<UsageReport> retrieve(UsageParams params) {
            return retrieve(params, RequestOptions.none());
        }

        public RawResponse<UsageReport> retrieve(UsageParams params, RequestOptions options) {
            Objects.requireNonNull(params, "params");
            return transport.send(
                    Operation.GET_USAGE,
                    options,
                    (client, headers, requestId) -> new UsageApi(client)
                            .getUsageWithHttpInfo(
                                    params.getFrom().orElse(null),
                                    params.getTo().orElse(null),
                                    params.getModel().orElse(null),
                                    params.getKeyId().orElse(null),
                                    params.getScope()
                                            .map(UsageParams.Scope::getValue)
                                            .orElse(null),
                                    requestId,
                                    headers));
        }
    }
}
