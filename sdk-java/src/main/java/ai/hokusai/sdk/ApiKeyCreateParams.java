package ai.hokusai.sdk;

import ai.hokusai.sdk.model.ApiKeyCreateRequest;
import ai.hokusai.sdk.model.ApiKeyScope;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The key to issue: a name and its scopes, and optionally its mode, limits, expiry and, for the platform operator,
 * its account and the {@code platform:admin} scope. Immutable; build one with {@link #builder()}. Limits left out get
 * the server's defaults (1,000 requests per hour, no per-minute limit); the key belongs to the caller's account unless
 * {@link Builder#accountId(UUID)} names another.
 */
public final class ApiKeyCreateParams {

    private final String name;
    private final Set<ApiKeyScope> scopes;
    private final ApiKeyCreateRequest.ModeEnum mode;
    private final Integer rateLimitPerMinute;
    private final Integer rateLimitPerHour;
    private final OffsetDateTime expiresAt;
    private final UUID accountId;
    private final Boolean platformAdmin;

    private ApiKeyCreateParams(Builder builder) {
        this.name = builder.name;
        this.scopes = Set.copyOf(builder.scopes);
        this.mode = builder.mode;
        this.rateLimitPerMinute = builder.rateLimitPerMinute;
        this.rateLimitPerHour = builder.rateLimitPerHour;
        this.expiresAt = builder.expiresAt;
        this.accountId = builder.accountId;
        this.platformAdmin = builder.platformAdmin;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getName() {
        return name;
    }

    public Set<ApiKeyScope> getScopes() {
        return scopes;
    }

    public Optional<ApiKeyCreateRequest.ModeEnum> getMode() {
        return Optional.ofNullable(mode);
    }

    public Optional<Integer> getRateLimitPerMinute() {
        return Optional.ofNullable(rateLimitPerMinute);
    }

    public Optional<Integer> getRateLimitPerHour() {
        return Optional.ofNullable(rateLimitPerHour);
    }

    public Optional<OffsetDateTime> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<UUID> getAccountId() {
        return Optional.ofNullable(accountId);
    }

    public Optional<Boolean> getPlatformAdmin() {
        return Optional.ofNullable(platformAdmin);
    }

    ApiKeyCreateRequest toRequest() {
        // In the enum's order, so the same params always send the same body.
        List<ApiKeyScope> ordered = new ArrayList<>(scopes);
        ordered.sort(null);
        return new ApiKeyCreateRequest()
                .name(name)
                .scopes(new LinkedHashSet<>(ordered))
                .mode(mode)
                .rateLimitPerMinute(rateLimitPerMinute)
                .rateLimitPerHour(rateLimitPerHour)
                .expiresAt(expiresAt)
                .accountId(accountId)
                .platformAdmin(platformAdmin);
    }

    public static final class Builder {

        private String name;
        private final Set<ApiKeyScope> scopes = new LinkedHashSet<>();
        private ApiKeyCreateRequest.ModeEnum mode;
        private Integer rateLimitPerMinute;
        private Integer rateLimitPerHour;
        private OffsetDateTime expiresAt;
        private UUID accountId;
        private Boolean platformAdmin;

        private Builder() {}

        /** Required: who or what uses the key, 1 to 100 characters. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Required, at least one: what the key may do; {@code ADMIN} holds every other scope. */
        public Builder scopes(ApiKeyScope... scopes) {
            this.scopes.addAll(Arrays.asList(scopes));
            return this;
        }

        /** {@code LIVE} (the default) issues {@code hk_live_…}, {@code TEST} issues {@code hk_test_…}. */
        public Builder mode(ApiKeyCreateRequest.ModeEnum mode) {
            this.mode = mode;
            return this;
        }

        public Builder rateLimitPerMinute(Integer rateLimitPerMinute) {
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        public Builder rateLimitPerHour(Integer rateLimitPerHour) {
            this.rateLimitPerHour = rateLimitPerHour;
            return this;
        }

        /** When the key stops working; must be in the future. */
        public Builder expiresAt(OffsetDateTime expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * The account to issue the key into; the caller's own when left out. Only a {@code platform:admin} key may
         * name another account (others get {@code 422 invalid_request} at {@code /account_id}).
         */
        public Builder accountId(UUID accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Whether the key also holds the platform operator's scope, {@code platform:admin} (every scope on every
         * account); only a {@code platform:admin} key may grant it ({@code 403 forbidden} otherwise). Left out, the
         * field is not sent and the key does not hold it.
         */
        public Builder platformAdmin(Boolean platformAdmin) {
            this.platformAdmin = platformAdmin;
            return this;
        }

        /** The server checks lengths and ranges; a missing name or scope is a mistake in the calling code. */
        public ApiKeyCreateParams build() {
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("a key needs a name: ApiKeyCreateParams.builder().name(\"CRM\")");
            }
            if (scopes.isEmpty() || scopes.contains(null)) {
                throw new IllegalStateException("a key needs at least one scope: .scopes(ApiKeyScope.PREDICT)");
            }
            return new ApiKeyCreateParams(this);
        }
    }
}
