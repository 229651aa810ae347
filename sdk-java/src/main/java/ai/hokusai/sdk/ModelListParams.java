package ai.hokusai.sdk;

import java.util.Optional;

/** Which page of models to list. Immutable; build one with {@link #builder()}. */
public final class ModelListParams {

    private final Integer limit;
    private final String cursor;

    private ModelListParams(Builder builder) {
        this.limit = builder.limit;
        this.cursor = builder.cursor;
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

    ModelListParams withCursor(String nextCursor) {
        return new Builder().limit(limit).cursor(nextCursor).build();
    }

    public static final class Builder {

        private Integer limit;
        private String cursor;

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

        public ModelListParams build() {
            return new ModelListParams(this);
        }
    }
}
