package ai.hokusai.sdk;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Which metered calls to count. Every field is optional: the server counts the calling key's calls to every
 * model over the 30 UTC days up to today. Immutable; build one with {@link #builder()}.
 */
public final class UsageParams {

    /** Whose calls a report counts. */
    public enum Scope {
        /** One key: the calling key, or the one {@link Builder#keyId(UUID)} names. The server's default. */
        KEY("key"),
        /** Every key of the caller's account, one row per day, model and key (admin keys only). */
        ACCOUNT("account");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        /** The value of the {@code scope} query parameter. */
        public String getValue() {
            return value;
        }
    }

    private final LocalDate from;
    private final LocalDate to;
    private final String model;
    private final UUID keyId;
    private final Scope scope;

    private UsageParams(Builder builder) {
        this.from = builder.from;
        this.to = builder.to;
        this.model = builder.model;
        this.keyId = builder.keyId;
        this.scope = builder.scope;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<LocalDate> getFrom() {
        return Optional.ofNullable(from);
    }

    public Optional<LocalDate> getTo() {
        return Optional.ofNullable(to);
    }

    public Optional<String> getModel() {
        return Optional.ofNullable(model);
    }

    public Optional<UUID> getKeyId() {
        return Optional.ofNullable(keyId);
    }

    public Optional<Scope> getScope() {
        return Optional.ofNullable(scope);
    }

    public static final class Builder {

        private LocalDate from;
        private LocalDate to;
        private String model;
        private UUID keyId;
        private Scope scope;

        private Builder() {}

        /** The first UTC day counted, inclusive; defaults to 30 days before {@code to}. */
        public Builder from(LocalDate from) {
            this.from = from;
            return this;
        }

        /** The last UTC day counted, inclusive; defaults to today. At most 366 days after {@code from}. */
        public Builder to(LocalDate to) {
            this.to = to;
            return this;
        }

        /** Count only this model: its number, slug or a deployment UUID, as a {@code modelRef}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Count another key of the caller's account; only an {@code admin} key may. */
        public Builder keyId(UUID keyId) {
            this.keyId = keyId;
            return this;
        }

        /**
         * {@link Scope#ACCOUNT} counts every key of the caller's account, per key (only an {@code admin} key may;
         * the report's {@code key_id} is then null and each row names its key); {@link Scope#KEY} is the default.
         */
        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        public UsageParams build() {
            return new UsageParams(this);
        }
    }
}
