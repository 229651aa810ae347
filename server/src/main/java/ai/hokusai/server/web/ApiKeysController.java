package ai.hokusai.server.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import ai.hokusai.server.persistence.ApiKeyRecord;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.service.FieldViolation;
import ai.hokusai.server.service.InvalidRequestException;
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
        if (body.getExpiresAt() != null && !body.getExpiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new InvalidRequestException(false, "The request body is invalid.",
                    List.of(new FieldViolation("/expires_at", "must be in the future")));
        }
        boolean live = body.getMode() != ApiKeyCreateRequest.ModeEnum.TEST;
        ApiKeyService.IssuedKey issued = keys.issue(new ApiKeyService.KeyRequest(body.getName(),
                body.getScopes().stream().map(ApiKeyScope::getValue).distinct().toList(), live,
                body.getRateLimitPerMinute(), body.getRateLimitPerHour(), body.getExpiresAt()));
        ApiKeyRecord r = issued.record();
        ApiKeyCreated created = new ApiKeyCreated(r.id(), r.prefix(), r.name(), scopes(r), r.rateLimitPerHour(),
                utc(r.createdAt()), issued.secret());
        created.setRateLimitPerMinute(r.rateLimitPerMinute());
        created.setExpiresAt(utc(r.expiresAt()));
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

    private static ApiKey masked(ApiKeyRecord r) {
        ApiKey key = new ApiKey(r.id(), r.prefix(), r.name(), scopes(r), r.rateLimitPerHour(), utc(r.createdAt()));
        key.setRateLimitPerMinute(r.rateLimitPerMinute());
        key.setLastUsedAt(utc(r.lastUsedAt()));
        key.setExpiresAt(utc(r.expiresAt()));
        key.setRevokedAt(utc(r.revokedAt()));
        return key;
    }

    private static List<ApiKeyScope> scopes(ApiKeyRecord r) {
        return r.scopes().stream().map(ApiKeyScope::fromValue).toList();
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
