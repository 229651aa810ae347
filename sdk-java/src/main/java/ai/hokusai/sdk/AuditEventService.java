package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.AuditEventsApi;
import ai.hokusai.sdk.model.AuditEvent;
import ai.hokusai.sdk.model.AuditEventList;
import java.util.Objects;

/**
 * Every change made to the caller's account and what it owns (accounts, keys, models, deployments, credentials),
 * newest first: when, by which key of which account, from which request, and the fields changed (secrets never).
 * Needs an {@code admin} key; a {@code platform:admin} key sees every account's events.
 */
public final class AuditEventService {

    private final WithRawResponse raw;

    AuditEventService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** The first page of events, newest first. */
    public AuditEventList list() {
        return raw.list().getValue();
    }

    public AuditEventList list(AuditEventListParams params) {
        return raw.list(params).getValue();
    }

    public AuditEventList list(AuditEventListParams params, RequestOptions options) {
        return raw.list(params, options).getValue();
    }

    /** Every event {@code params} selects, from its page on, fetching each further page when the iteration reaches it. */
    public Iterable<AuditEvent> listAll(AuditEventListParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        return CursorPages.of(
                params,
                page -> {
                    AuditEventList list = list(page, options);
                    return new CursorPages.Page<>(list.getData(), list.getHasMore(), list.getNextCursor());
                },
                AuditEventListParams::withCursor);
    }

    public Iterable<AuditEvent> listAll() {
        return listAll(AuditEventListParams.builder().build(), RequestOptions.none());
    }

    /** {@link AuditEventService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<AuditEventList> list() {
            return list(AuditEventListParams.builder().build(), RequestOptions.none());
        }

        public RawResponse<AuditEventList> list(AuditEventListParams params) {
            return list(params, RequestOptions.none());
        }

        public RawResponse<AuditEventList> list(AuditEventListParams params, RequestOptions options) {
            Objects.requireNonNull(params, "params");
            return transport.send(
                    Operation.LIST_AUDIT_EVENTS,
                    options,
                    (client, headers, requestId) -> new AuditEventsApi(client)
                            .listAuditEventsWithHttpInfo(
                                    params.getLimit().orElse(null),
                                    params.getCursor().orElse(null),
                                    params.getObjectType().orElse(null),
                                    params.getObjectId().orElse(null),
                                    params.getSince().orElse(null),
                                    params.getUntil().orElse(null),
                                    requestId,
                                    headers));
        }
    }
}
