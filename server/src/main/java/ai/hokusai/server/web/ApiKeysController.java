package ai.hokusai.server.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import ai.hokusai.server.security.ApiKeyInfo;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.web.api.ApiKeysApi;
import ai.hokusai.server.web.model.ApiKey;
import ai.hokusai.server.web.model.ApiKeyCreateRequest;
import ai.hokusai.server.web.model.ApiKeyCreated;
import ai.hokusai.server.web.model.ApiKeyList;
import ai.hokusai.server.web.model.ApiKeyScope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ApiKeysController implements ApiKeysApi {

    private final ApiKeyService keys;

    public ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public ResponseEntity<ApiKeyCreated> createApiKey(ApiKeyCreateRequest body, String xRequestId) {
        boolean live = body.getMode() != ApiKeyCreateRequest.ModeEnum.TEST;
        ApiKeyService.IssuedKey issued = keys.issue(new ApiKeyService.KeyRequest(body.getName(),
                body.getScopes().stream().map(ApiKeyScope::getValue).distinct().toList(), live,
                body.getRateLimitPerMinute(), body.getRateLimitPerHour(), body.getExpiresAt()));
        ApiKeyInfo k = issued.key();
        ApiKeyCreated created = new ApiKeyCreated(k.id(), k.prefix(), k.name(), scopes(k), k.rateLimitPerHour(),
                utc(k.createdAt()), issued.secret());
        created.setRateLimitPerMinute(k.rateLimitPerMinute());
        created.setExpiresAt(utc(k.expiresAt()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @Override
    public ResponseEntity<ApiKeyList> listApiKeys(String xRequestId) {
        return ResponseEntity.ok(new ApiKeyList(keys.list().stream().map(ApiKeysController::masked).toList()));
    }

    @Override
    public ResponseEntity<Void> revokeApiKey(UUID keyId, String xRequestId) {
        keys.revoke(keyId);
        return ResponseEntity.noContent().build();
    }

    private static ApiKey masked(ApiKeyInfo k) {
        ApiKey key = new ApiKey(k.id(), k.prefix(), k.name(), scopes(k), k.rateLimitPerHour(), utc(k.createdAt()));
        key.setRateLimitPerMinute(k.rateLimitPerMinute());
        key.setLastUsedAt(utc(k.lastUsedAt()));
        key.setExpiresAt(utc(k.expiresAt()));
        key.setRevokedAt(utc(k.revokedAt()));
        return key;
    }

    private static List<ApiKeyScope> scopes(ApiKeyInfo k) {
        return k.scopes().stream().map(ApiKeyScope::fromValue).toList();
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
