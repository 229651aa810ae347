package ai.hokusai.sdk;

import ai.hokusai.sdk.model.AccountCreateRequest;
import java.util.Optional;

/**
 * The account to create: its slug and name, and optionally an hourly limit shared by all its keys. Immutable; build
 * one with {@link #builder()}.
 */
public final class AccountCreateParams {

    private final String slug;
    private final String name;
    private final Integer rateLimitPerHour;

    private AccountCreateParams(Builder builder) {
        this.slug = builder.slug;
        this.name = builder.name;
        this.rateLimitPerHour = builder.rateLimitPerHour;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public Optional<Integer> getRateLimitPerHour() {
        return Optional.ofNullable(rateLimitPerHour);
    }

    AccountCreateRequest toRequest() {
        return new AccountCreateRequest().slug(slug).name(name).rateLimitPerHour(rateLimitPerHour);
    }

    public static final class Builder {

        private String slug;
        private String name;
        private Integer rateLimitPerHour;

        private Builder() {}

        /**
         * Required: the account's unique slug, 1 to 64 lowercase letters, digits and single hyphens, starting with a
         * letter ({@code acme-analytics}). A slug already taken answers {@code 409 account_slug_taken}.
         */
        public Builder slug(String slug) {
            this.slug = slug;
            return this;
        }

        /** Required: the display name, 1 to 200 characters. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Requests per UTC hour to all the account's keys together, on top of each key's own limits; left out, the
         * account has no account-wide limit.
         */
        public Builder rateLimitPerHour(Integer rateLimitPerHour) {
            this.rateLimitPerHour = rateLimitPerHour;
            return this;
        }

        /** The server checks the pattern, lengths and range; a missing slug or name is a mistake in the calling code. */
        public AccountCreateParams build() {
            if (slug == null || slug.isBlank()) {
                throw new IllegalStateException(
                        "an account needs a slug: AccountCreateParams.builder().slug(\"acme-analytics\")");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("an account needs a name: .name(\"Acme Analytics\")");
            }
            return new AccountCreateParams(this);
        }
    }
}
