package ai.hokusai.sdk;

import ai.hokusai.sdk.model.AuditObjectType;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Which page of audit events to list, and which events. Immutable; build one with {@link #builder()}. */
public final class AuditEventListParams {

    private final Integer limit;
    private final String cursor;
    private final AuditObjectType objectType;
    private final String objectId;
    private final OffsetDateTime since;
    private final OffsetDateTime until;

    private AuditEventListParams(Builder builder) {
        this.limit = builder.limit;
        this.cursor = builder.cursor;
        this.objectType = builder.objectType;
        this.objectId = builder.objectId;
        this.since = builder.since;
        this.until = builder.until;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Integer> getLimit() {
        return Optional.ofNullable(limit);
    }

    public Optional<String> getCursor() {
        return Optional.ofNullable(cursor);
    }

    public Optional<AuditObjectType> getObjectType() {
        return Optional.ofNullable(objectType);
    }

    public Optional<String> getObjectId() {
        return Optional.ofNullable(objectId);
    }

    public Optional<OffsetDateTime> getSince() {
        return Optional.ofNullable(since);
    }

    public Optional<OffsetDateTime> getUntil() {
        return Optional.ofNullable(until);
    }

    /** The same filters, at another page. */
    AuditEventListParams withCursor(String nextCursor) {
        return new Builder()
                .limit(limit)
                .objectType(objectType)
                .objectId(objectId)
                .since(since)
                .until(until)
                .cursor(nextCursor)
                .build();
    }

    public static final class Builder {

        private Integer limit;
        private String cursor;
        private AuditObjectType objectType;
        private String objectId;
        private OffsetDateTime since;
        private OffsetDateTime until;

        private Builder() {}

        /** Page size, 1 to 100; the server's default is 20. */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** The {@code next_cursor} of the previous page; leave it out for the first page. */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /** Only events about objects of this type. */
        public Builder objectType(AuditObjectType objectType) {
            this.objectType = objectType;
            return this;
        }

        /** Only events about this object: a model's public number ({@code "21"}) or a UUID, as in {@code object_id}. */
        public Builder objectId(String objectId) {
            this.objectId = objectId;
            return this;
        }

        /** Only events at or after this time. */
        public Builder since(OffsetDateTime since) {
            this.since = since;
            return this;
        }

        /** Only events before this time. */
        public Builder until(OffsetDateTime until) {
            this.until = until;
            return this;
        }

        public AuditEventListParams build() {
            return new AuditEventListParams(this);
        }
    }
}
