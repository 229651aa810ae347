package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeInterceptorTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationNeedingAKeyNamesAKnownScopeAndPublicOnesNone() {
        ApiSpecDocument spec = new ApiSpecDocument();
        ScopeInterceptor scopes = new ScopeInterceptor(spec);
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        int operations = 0;
        for (Object item : paths.values()) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) item).entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(e.getKey())) {
                    continue;
                }
                operations++;
                Map<String, Object> operation = (Map<String, Object>) e.getValue();
                String id = (String) operation.get("operationId");
                if (List.of().equals(operation.get("security"))) {
                    assertThat(scopes.of(id)).as(id).isEmpty();
                } else {
                    assertThat(scopes.of(id))
                            .as(id)
                            .hasValueSatisfying(
                                    s -> assertThat(ApiKeyService.ALL_SCOPES).contains(s));
                }
            }
        }
        assertThat(operations).isGreaterThan(10);
        assertThat(scopes.of("predict")).hasValue("predict");
        assertThat(scopes.of("createApiKey")).hasValue("admin");
        assertThat(scopes.of("getModel")).hasValue("models:read");
    }

    @Test
    void anOperationWithoutAScopeStopsStartUp() {
        Map<String, Object> operation = new HashMap<>(Map.of("operationId", "secretThing"));
        Map<String, Object> root = Map.of("paths", Map.of("/api/v1/secret", Map.of("get", operation)));
        assertThatThrownBy(() -> ScopeInterceptor.read(root)).hasMessageContaining("GET /api/v1/secret");
        operation.put(ScopeInterceptor.EXTENSION, "root");
        assertThatThrownBy(() -> ScopeInterceptor.read(root)).hasMessageContaining("not root");
    }
}
