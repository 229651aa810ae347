package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Key management over HTTP: issue once, list masked, revoke for good; scopes per operation. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysIT extends ServerIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewKeyIsShownOnceWithItsPrefixAndWorksAtOnce() {
        TestHttp.Response response = http().postJson(
                        "/api/v1/api-keys",
                        "{\"name\": \"crm\", \"scopes\": [\"predict\", \"models:read\"], \"rate_limit_per_minute\": 60}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode created = response.json();
        String secret = created.get("key").asString();
        assertThat(secret).matches("hk_live_[0-9A-Za-z]{32}");
        assertThat(created.get("prefix").asString()).isEqualTo(secret.substring(0, 16));
        assertThat(created.get("rate_limit_per_minute").asInt()).isEqualTo(60);
        assertThat(created.get("rate_limit_per_hour").asInt())
                .as("the default quota")
                .isEqualTo(1000);
        assertThat(http().withKey(secret).get("/api/v1/models/21").status()).isEqualTo(200);
    }

    @Test
    void testKeysStartWithHkTest() {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict"), null, null);
        assertThat(key.secret()).matches("hk_test_[0-9A-Za-z]{32}");
    }

    @Test
    void theSecretIsNeverStoredListedOrLogged(CapturedOutput output) {
        TestKeys.Key key = TestKeys.create(http(), List.of("predict", "models:read"), null, null);
        http().withKey(key.secret()).get("/api/v1/models/21");
        http().withKey(key.secret()).get("/api/v1/api-keys"); // a 403 with the key in hand

        String listing = http().get("/api/v1/api-keys").body();
        assertThat(listing)
                .contains(key.id().toString())
                .contains(key.secret().substring(0, 16))
                .doesNotContain(key.secret());
        JsonNode listed = http().get("/api/v1/api-keys").json().get("data");
        listed.forEach(k -> assertThat(k.has("key")).isFalse());
        String row =
                jdbc.queryForObject("SELECT row_to_json(k)::text FROM api_keys k WHERE id = ?", String.class, key.id());
        assertThat(row).doesNotContain(key.secret()).doesNotContain(key.secret().substring(16));
        assertThat(output.getAll()).doesNotContain(key.secret().substring(16));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndRevokingTwiceIsANoOp() {
        TestKeys.Key key = TestKeys.create(http(), List.of("models:read"), null, null);
        TestHttp caller = http().withKey(key.secret());
        assertThat(caller.get("/api/v1/models/21").status()).isEqualTo(200); // now cached

        assertThat(http().send("DELETE", "/api/v1/api-keys/" + key.id(), Map.of(), null)
                        .status())
                .isEqualTo(204);

        TestHttp.Response refused = caller.get("/api/v1/models/21");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(http().send("DELETE", "/api/v1/api-keys/" + key.id(), Map.of(), null)
                        .status())
                .isEqualTo(204);
        JsonNode listed = http().get("/api/v1/api-keys").json().get("data");
        assertThat(listed.valueStream()
                        .filter(k -> k.get("id").asString().equals(key.id().toString()))
                        .findFirst()
                        .orElseThrow()
                        .has("revoked_at"))
                .isTrue();
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        TestHttp.Response response =
                http().send("DELETE", "/api/v1/api-keys/00000000-0000-4000-8000-000000000000", Map.of(), null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("api_key_not_found");
    }

    @Test
    void anExpiredKeyIsRefusedEvenWhenCached() {
        String soon = OffsetDateTime.now(clock).plusSeconds(2).toString();
        TestKeys.Key key = TestKeys.create(http(), List.of("models:read"), null, null, soon);
        TestHttp caller = http().withKey(key.secret());
        assertThat(caller.get("/api/v1/models/21").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3));

        TestHttp.Response refused = caller.get("/api/v1/models/21");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void invalidKeyRequestsAre422() {
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString();
        for (String body : List.of(
                "{\"name\": \"x\", \"scopes\": [\"everything\"]}",
                "{\"name\": \"x\", \"scopes\": []}",
                "{\"name\": \"\", \"scopes\": [\"predict\"]}",
                "{\"name\": \"x\", \"scopes\": [\"predict\"], \"rate_limit_per_hour\": 0}",
                "{\"name\": \"x\", \"scopes\": [\"predict\"], \"expires_at\": \"" + past + "\"}")) {
            TestHttp.Response response = http().postJson("/api/v1/api-keys", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(422);
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_request");
        }
    }

    @Test
    void aCallWithoutItsScopeIs403NamingTheScope() {
        TestKeys.Key reader = TestKeys.create(http(), List.of("models:read"), null, null);
        TestKeys.Key predictor = TestKeys.create(http(), List.of("predict"), null, null);

        TestHttp.Response predict = http().withKey(reader.secret())
                .postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson());
        assertThat(predict.status()).isEqualTo(403);
        assertThat(predict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(predict.json().get("code").asString()).isEqualTo("insufficient_scope");
        assertThat(predict.json().get("detail").asString()).contains("'predict'");

        TestHttp.Response admin = http().withKey(predictor.secret()).get("/api/v1/api-keys");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().get("detail").asString()).contains("'admin'");
        assertThat(admin.header("RateLimit"))
                .as("a keyed answer, even a refusal, describes the quota")
                .isNotNull();

        assertThat(http().withKey(predictor.secret())
                        .get("/api/v1/models/21")
                        .json()
                        .get("detail")
                        .asString())
                .contains("'models:read'");
    }
}
