package ai.hokusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Issues keys over the API, as an admin would, for tests that need a key of a given shape. */
public final class TestKeys {

    /** A key as issued: its id and its secret. */
    public record Key(UUID id, String secret) {}

    private TestKeys() {}

    public static Key create(TestHttp admin, List<String> scopes, Integer perMinute, Integer perHour) {
        return create(admin, scopes, perMinute, perHour, null);
    }

    public static Key create(
            TestHttp admin, List<String> scopes, Integer perMinute, Integer perHour, String expiresAt) {
        String body = "{\"name\": \"test key\", \"mode\": \"test\", \"scopes\": ["
                + scopes.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")) + "]"
                + (perMinute == null ? "" : ", \"rate_limit_per_minute\": " + perMinute)
                + (perHour == null ? "" : ", \"rate_limit_per_hour\": " + perHour)
                + (expiresAt == null ? "" : ", \"expires_at\": \"" + expiresAt + "\"") + "}";
        TestHttp.Response response = admin.postJson("/api/v1/api-keys", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode created = response.json();
        return new Key(
                UUID.fromString(created.get("id").asString()),
                created.get("key").asString());
    }
}
