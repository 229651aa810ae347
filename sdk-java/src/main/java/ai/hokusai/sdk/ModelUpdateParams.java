package ai.hokusai.sdk;

import ai.hokusai.sdk.model.ModelUpdateRequest;
import ai.hokusai.sdk.model.ModelVisibility;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The serving settings and visibility of a model to change; settings left out keep their value on the server. Immutable; build one
 * with {@link #builder()}.
 */
public final class ModelUpdateParams {

    private final String description;
    private final List<String> tags;
    private final Integer maxBatchSize;
    private final Integer cacheTtlSeconds;
    private final ModelVisibility visibility;

    private ModelUpdateParams(Builder builder) {
        this.description = builder.description;
        this.tags = builder.tags == null ? null : List.copyOf(builder.tags);
        this.maxBatchSize = builder.maxBatchSize;
        this.cacheTtlSeconds = builder.cacheTtlSeconds;
        this.visibility = builder.visibility;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request body: only the settings that were given, so the others keep their value. */
    ModelUpdateRequest toRequest() {
        ModelUpdateRequest request = new ModelUpdateRequest()
                .description(description)
                .maxBatchSize(maxBatchSize)
                .cacheTtlSeconds(cacheTtlSeconds)
                .visibility(
                        visibility == null ? null : ModelUpdateRequest.VisibilityEnum.fromValue(visibility.getValue()));
        request.setTags(tags == null ? null : new LinkedHashSet<>(tags));
        return request;
    }

    public static final class Builder {

        private String description;
        private List<String> tags;
        private Integer maxBatchSize;
        private Integer cacheTtlSeconds;
        private ModelVisibility visibility;

        private Builder() {}

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Replaces the model's tags. */
        public Builder tags(String... tags) {
            this.tags = List.of(tags);
            return this;
        }

        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        public Builder cacheTtlSeconds(int cacheTtlSeconds) {
            this.cacheTtlSeconds = cacheTtlSeconds;
            return this;
        }

        /**
         * {@code PUBLIC}: every account may read and call the model; {@code PRIVATE}: only its own account's keys see
         * it. The same type as {@link ai.hokusai.sdk.model.Model#getVisibility()}.
         */
        public Builder visibility(ModelVisibility visibility) {
            this.visibility = Objects.requireNonNull(visibility, "visibility");
            return this;
        }

        /**
         * @throws IllegalStateException when no setting was given
         */
        public ModelUpdateParams build() {
            if (description == null
                    && tags == null
                    && maxBatchSize == null
                    && cacheTtlSeconds == null
                    && visibility == null) {
                throw new IllegalStateException("give at least one setting to change");
            }
            return new ModelUpdateParams(this);
        }
    }
}
