package ai.hokusai.server.security;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.persistence.AccountMapper;
import ai.hokusai.server.persistence.AccountRecord;
import ai.hokusai.server.persistence.ApiKeyMapper;
import ai.hokusai.server.persistence.ApiKeyRecord;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API keys. A key is {@code hk_live_} or {@code hk_test_} followed by 32 base62
 * characters (190 bits of randomness); it is found by its prefix and compared by keyed hash in constant time.
 *
 * <p>Successful checks are cached for {@code hokusai.api-key-cache-ttl}, keyed by the hash, so a warm request does
 * not read the database. A revoke evicts the key here at once and, through {@link RevocationWatcher}, on every other
 * instance within {@code hokusai.api-keys.revocation-poll-interval}; expiry is checked on every cached use.
 */
@Service
public class ApiKeyService {

    public static final String SCOPE_ADMIN = "admin";
    public static final String SCOPE_PREDICT = "predict";
    public static final String SCOPE_MODELS_READ = "models:read";
    public static final String SCOPE_MODELS_WRITE = "models:write";
    /** The platform operator's scope: every scope on every account. Never in a key's listed {@code scopes}. */
    public static final String SCOPE_PLATFORM_ADMIN = "platform:admin";

    public static final List<String> ALL_SCOPES =
            List.of(SCOPE_PREDICT, SCOPE_MODELS_READ, SCOPE_MODELS_WRITE, SCOPE_ADMIN, SCOPE_PLATFORM_ADMIN);

    /** The stored, non-secret part of a key: its mode marker plus the first 8 random characters. */
    static final int PREFIX_LENGTH = 16;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 32;

    private final ApiKeyMapper keys;
    private final AccountMapper accounts;
    private final AuditTrail audit;
    private final ApiKeyHasher hasher;
    private final KeyUsageRecorder usage;
    private final int defaultRateLimitPerHour;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, ApiKeyPrincipal> authenticated;

    public ApiKeyService(
            ApiKeyMapper keys,
            AccountMapper accounts,
            AuditTrail audit,
            ApiKeyHasher hasher,
            KeyUsageRecorder usage,
            HokusaiProperties properties,
            ApiKeyProperties keyProperties,
            Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.audit = audit;
        this.hasher = hasher;
        this.usage = usage;
        this.defaultRateLimitPerHour = keyProperties.defaultRateLimitPerHour();
        this.clock = clock;
        this.authenticated = Caffeine.newBuilder()
                .expireAfterWrite(properties.apiKeyCacheTtl())
                .maximumSize(100_000)
                .build();
    }

    /** A newly issued key: the secret is returned here once and never stored. */
    public record IssuedKey(ApiKeyInfo key, String secret) {}

    /**
     * What to issue; null limits mean: no per-minute limit, the default hourly limit. {@code accountId} null means the
     * caller's account; {@code scopes} may include {@link #SCOPE_PLATFORM_ADMIN}.
     */
    public record KeyRequest(
            String name,
            List<String> scopes,
            boolean live,
            Integer rateLimitPerMinute,
            Integer rateLimitPerHour,
            OffsetDateTime expiresAt,
            UUID accountId) {

        public KeyRequest(
                String name,
                List<String> scopes,
                boolean live,
                Integer rateLimitPerMinute,
                Integer rateLimitPerHour,
                OffsetDateTime expiresAt) {
            this(name, scopes, live, rateLimitPerMinute, rateLimitPerHour, expiresAt, null);
        }
    }

    /**
     * @throws AuthenticationException when the key is unknown, expired or revoked
     */
    public ApiKeyPrincipal authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.length() < PREFIX_LENGTH || presentedKey.length() > 200) {
            throw AuthenticationException.invalid();
        }
        String cacheKey = HexFormat.of().formatHex(hasher.hash(presentedKey));
        ApiKeyPrincipal cached = authenticated.getIfPresent(cacheKey);
        if (cached != null) {
            if (expired(cached.expiresAt())) {
                authenticated.invalidate(cacheKey);
                throw AuthenticationException.invalid();
            }
            usage.used(cached.keyId());
            return cached;
        }
        ApiKeyRecord record = keys.findByPrefix(presentedKey.substring(0, PREFIX_LENGTH))
                .filter(k -> hasher.matches(presentedKey, k.keyHash()))
                .filter(k -> k.revokedAt() == null && !expired(k.expiresAt()))
                .orElseThrow(AuthenticationException::invalid);
        ApiKeyPrincipal principal = new ApiKeyPrincipal(
                record.id(),
                record.accountId(),
                record.prefix(),
                record.name(),
                new HashSet<>(record.scopes()),
                record.rateLimitPerMinute(),
                record.rateLimitPerHour(),
                record.expiresAt(),
                accounts.findById(record.accountId())
                        .map(AccountRecord::rateLimitPerHour)
                        .orElse(null));
        authenticated.put(cacheKey, principal);
        usage.used(principal.keyId());
        return principal;
    }

    /**
     * Issues a key of the caller's account or, for the operator, of the account the request names; with scopes no
     * wider than the caller's own.
     *
     * @throws InvalidKeyRequestException when the key would already be expired, or the account is not one the caller
     *     may issue keys for (another account's id answers as an unknown one)
     * @throws ScopeEscalationException   when a scope asked for is one the caller does not hold
     */
    @Transactional
    public IssuedKey issue(Caller caller, KeyRequest request) {
        UUID accountId = request.accountId() == null ? caller.accountId() : request.accountId();
        if (!caller.owns(accountId) || accounts.findById(accountId).isEmpty()) {
            throw new InvalidKeyRequestException("/account_id", "names no account");
        }
        for (String scope : request.scopes()) {
            if (caller.key() != null && !caller.key().hasScope(scope)) {
                throw new ScopeEscalationException(scope);
            }
        }
        if (request.scopes().contains(SCOPE_PLATFORM_ADMIN) && !OperatorAccount.ID.equals(accountId)) {
            throw new InvalidKeyRequestException("/platform_admin", "only keys of the operator account may hold it");
        }
        IssuedKey issued = mint(new KeyRequest(
                request.name(),
                request.scopes(),
                request.live(),
                request.rateLimitPerMinute(),
                request.rateLimitPerHour(),
                request.expiresAt(),
                accountId));
        ApiKeyInfo key = issued.key();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("name", key.name());
        changes.put("scopes", key.scopes());
        changes.put("prefix", key.prefix());
        changes.put("rate_limit_per_minute", key.rateLimitPerMinute());
        changes.put("rate_limit_per_hour", key.rateLimitPerHour());
        changes.put(
                "expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
        audit.record(caller, accountId, "api_key.create", "api_key", key.id(), changes);
        return issued;
    }

    /** Issues a key of the operator's account on the server's own behalf (no calling key). */
    @Transactional
    public IssuedKey issue(KeyRequest request) {
        return issue(Caller.system(), request);
    }

    /**
     * @throws InvalidKeyRequestException when the key would already be expired
     */
    private IssuedKey mint(KeyRequest request) {
        if (request.expiresAt() != null && expired(request.expiresAt())) {
            throw new InvalidKeyRequestException("/expires_at", "must be in the future");
        }
        StringBuilder secret = new StringBuilder(request.live() ? "hk_live_" : "hk_test_");
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            secret.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return store(secret.toString(), request);
    }

    /**
     * Ensures a key with exactly this secret exists (operators' bootstrap key).
     *
     * @return true when it was created now
     */
    @Transactional
    public boolean ensure(String secret, String name, List<String> scopes) {
        if (secret.length() < 24) {
            throw new IllegalArgumentException("A bootstrap API key must be at least 24 characters long");
        }
        Optional<ApiKeyRecord> existing = keys.findByPrefix(secret.substring(0, PREFIX_LENGTH));
        if (existing.isPresent()) {
            if (!hasher.matches(secret, existing.get().keyHash())) {
                throw new IllegalStateException("Another API key already uses the first " + PREFIX_LENGTH
                        + " characters of the bootstrap key; choose another bootstrap key");
            }
            if (!existing.get().scopes().containsAll(scopes)) {
                // A bootstrap key made before a scope existed (platform:admin) holds what its setting promises.
                Set<String> widened = new LinkedHashSet<>(existing.get().scopes());
                widened.addAll(scopes);
                keys.updateScopes(existing.get().id(), widened.toArray(String[]::new));
                evict(existing.get().id());
            }
            return false;
        }
        IssuedKey created = store(secret, new KeyRequest(name, scopes, true, null, null, null, OperatorAccount.ID));
        audit.record(
                Caller.system(),
                OperatorAccount.ID,
                "api_key.create",
                "api_key",
                created.key().id(),
                Map.of(
                        "name",
                        name,
                        "scopes",
                        created.key().scopes(),
                        "prefix",
                        created.key().prefix()));
        return true;
    }

    /** Every key of the caller's account, newest first. */
    public List<ApiKeyInfo> list(Caller caller) {
        return keys.findByAccount(caller.accountId()).stream()
                .map(ApiKeyInfo::of)
                .toList();
    }

    /** A key of the caller's account (any key, for the operator). */
    public Optional<ApiKeyInfo> find(Caller caller, UUID id) {
        return keys.findById(id).filter(k -> caller.owns(k.accountId())).map(ApiKeyInfo::of);
    }

    /**
     * Revokes a key of the caller's account in the database and evicts it from this instance's cache at once.
     *
     * @throws ApiKeyNotFoundException when no key of the caller's reach has this id
     */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        ApiKeyRecord key = keys.findById(id)
                .filter(k -> caller.owns(k.accountId()))
                .orElseThrow(() -> new ApiKeyNotFoundException(id));
        if (key.revokedAt() == null) {
            keys.revoke(id);
            audit.record(caller, key.accountId(), "api_key.revoke", "api_key", id, Map.of());
        }
        evict(id);
    }

    /** Forgets every cached authentication of this key, so its next use reads the database. */
    public void evict(UUID keyId) {
        authenticated.asMap().values().removeIf(p -> p.keyId().equals(keyId));
    }

    public boolean anyUsableKey() {
        return keys.countUsable() > 0;
    }

    private IssuedKey store(String secret, KeyRequest request) {
        int perHour = request.rateLimitPerHour() != null ? request.rateLimitPerHour() : defaultRateLimitPerHour;
        UUID accountId = request.accountId() == null ? OperatorAccount.ID : request.accountId();
        ApiKeyRecord record = new ApiKeyRecord(
                UUID.randomUUID(),
                accountId,
                secret.substring(0, PREFIX_LENGTH),
                hasher.hash(secret),
                request.name(),
                request.scopes(),
                request.rateLimitPerMinute(),
                perHour,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                request.expiresAt(),
                null,
                null);
        keys.insert(record);
        return new IssuedKey(ApiKeyInfo.of(record), secret);
    }

    private boolean expired(OffsetDateTime expiresAt) {
        return expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now(clock));
    }

    /** A key may not grant a scope its issuer does not hold. */
    public static class ScopeEscalationException extends DomainException {

        ScopeEscalationException(String scope) {
            super(ErrorCode.FORBIDDEN, "A key cannot grant a scope it does not hold: '" + scope + "'.");
        }
    }

    /** A key request that is well-formed but cannot be issued as asked. */
    public static class InvalidKeyRequestException extends DomainException {

        InvalidKeyRequestException(String pointer, String message) {
            super(
                    ErrorCode.INVALID_REQUEST,
                    "The request body is invalid.",
                    List.of(new FieldViolation(pointer, message)),
                    null,
                    null);
        }
    }
}
