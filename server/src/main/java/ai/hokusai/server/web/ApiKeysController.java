package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyInfo;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.web.api.ApiKeysApi;
import ai.hokusai.server.web.model.ApiKey;
import ai.hokusai.server.web.model.ApiKeyCreateRequest;
import ai.hokusai.server.web.model.ApiKeyCreated;
import ai.hokusai.server.web.model.ApiKeyList;
import ai.hokusai.server.web.model.ApiKeyScope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ApiKeysController implements ApiKeysApi {

    private final ApiKeyService keys;
    private final HttpServletRequest request;

    public ApiKeysController(ApiKeyService keys, HttpServletRequest request) {
        this.keys = keys;
        this.request = request;
    }

    @Override
    public ResponseEntity<ApiKeyCreated> createApiKey(ApiKeyCreateRequest body, String xRequestId) {
        boolean live = body.getMode() != ApiKeyCreateRequest.ModeEnum.TEST;
        List<String> scopes = new ArrayList<>(
                body.getScopes().stream().map(ApiKeyScope::getValue).distinct().toList());
        if (Boolean.TRUE.equals(body.getPlatformAdmin())) {
            scopes.add(ApiKeyService.SCOPE_PLATFORM_ADMIN);
        }
        ApiKeyService.IssuedKey issued = keys.issue(
                ApiKeyFilter.caller(request),
                new ApiKeyService.KeyRequest(
                        body.getName(),
                        scopes,
                        live,
                        body.getRateLimitPerMinute(),
                        body.getRateLimitPerHour(),
                        body.getExpiresAt(),
                        body.getAccountId()));
        ApiKeyInfo k = issued.key();
        ApiKeyCreated created = new ApiKeyCreated(
                k.id(),
                k.accountId(),
                k.prefix(),
                k.name(),
                scopes(k),
                k.rateLimitPerHour(),
                utc(k.createdAt()),
                issued.secret());
        created.setPlatformAdmin(platformAdmin(k));
        created.setRateLimitPerMinute(k.rateLimitPerMinute());
        created.setExpiresAt(utc(k.expiresAt()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @Override
    public ResponseEntity<ApiKeyList> listApiKeys(String xRequestId) {
        return ResponseEntity.ok(new ApiKeyList(keys.list(ApiKeyFilter.caller(request)).stream()
                .map(ApiKeysController::masked)
                .toList()));
    }

    @Override
    public ResponseEntity<Void> revokeApiKey(UUID keyId, String xRequestId) {
        keys.revoke(ApiKeyFilter.caller(request), keyId);
        return ResponseEntity.noContent().build();
    }

    private static ApiKey masked(ApiKeyInfo k) {
        ApiKey key = new ApiKey(
                k.id(), k.accountId(), k.prefix(), k.name(), scopes(k), k.rateLimitPerHour(), utc(k.createdAt()));
        key.setPlatformAdmin(platformAdmin(k));
        key.setRateLimitPerMinute(k.rateLimitPerMinute());
        key.setLastUsedAt(utc(k.lastUsedAt()));
        key.setExpiresAt(utc(k.expiresAt()));
        key.setRevokedAt(utc(k.revokedAt()));
        return key;
    }

    /** The listed scopes; the operator's scope is {@code platform_admin}, outside the list older clients know. */
    private static List<ApiKeyScope> scopes(ApiKeyInfo k) {
        return k.scopes().stream()
                .filter(s -> !ApiKeyService.SCOPE_PLATFORM_ADMIN.equals(s))
                .map(ApiKeyScope::fromValue)
                .toList();
    }

    private static boolean platformAdmin(ApiKeyInfo k) {
        return k.scopes().contains(ApiKeyService.SCOPE_PLATFORM_ADMIN);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
