package ai.hokusai.sdk;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Which days of a model's usage to count. Both are optional: the server counts the 30 UTC days up to today.
 * Immutable; build one with {@link #builder()}.
 */
public final class ModelUsageParams {

    private final LocalDate from;
    private final LocalDate to;

    private ModelUsageParams(Builder builder) {
        this.from = builder.from;
        this.to = builder.to;
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

    public static final class Builder {

        private LocalDate from;
        private LocalDate to;

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

        public ModelUsageParams build() {
            return new ModelUsageParams(this);
        }
    }
}
