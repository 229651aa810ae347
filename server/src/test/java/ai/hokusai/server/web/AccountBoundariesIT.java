package ai.hokusai.server.web;

import static ai.hokusai.server.web.TenancyAnswers.API_KEY_NOT_FOUND;
import static ai.hokusai.server.web.TenancyAnswers.FORBIDDEN;
import static ai.hokusai.server.web.TenancyAnswers.INSUFFICIENT_SCOPE;
import static ai.hokusai.server.web.TenancyAnswers.call;
import static ai.hokusai.server.web.TenancyAnswers.check;
import static ai.hokusai.server.web.TenancyAnswers.compare;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.web.TenancyAnswers.Answer;
import ai.hokusai.server.web.TenancyAnswers.Call;
import ai.hokusai.server.web.TenancyAnswers.Target;
import ai.hokusai.server.web.TenancyWorld.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The account's walls where no path names an object: the model list, the key list, usage by key, issuing keys and
 * creating accounts. Another account's objects are neither listed nor counted, and a reference to one in a query or a
 * body answers as a reference to nothing.
 */
class AccountBoundariesIT extends AccountsIntegrationTest {

    private static TenancyWorld shared;

    private synchronized TenancyWorld world() {
        if (shared == null) {
            shared = TenancyWorld.build(operator(), this::as, lscorUri());
        }
        return shared;
    }

    @Test
    void theModelListHoldsTheCallersModelsAndEveryPublicOneAndNoOtherAccountsPrivateOne() {
        TenancyWorld world = world();
        TestHttp reader = as(world.callerKeys().get("models:read"));
        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHttp.Response page =
                    reader.get("/api/v1/models?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").valueStream().forEach(listed::add);
            cursor = page.json().get("has_more").asBoolean()
                    ? page.json().get("next_cursor").asString()
                    : null;
        } while (cursor != null && ++pages < 100);

        assertThat(listed)
                .extracting(m -> m.get("id").asString())
                .contains(
                        "21",
                        world.reference("{modelRef}", Target.OWN),
                        world.reference("{modelRef}", Target.PUBLIC_OF_ANOTHER))
                .doesNotContain(world.reference("{modelRef}", Target.PRIVATE_OF_ANOTHER));
        assertThat(listed)
                .allSatisfy(m -> assertThat(m.get("visibility").asString().equals("public")
                                || m.get("owner_account_id")
                                        .asString()
                                        .equals(world.caller().id().toString()))
                        .as("model %s is the caller's or public", m.get("id"))
                        .isTrue());
    }

    @Test
    void anotherAccountsKeysAreNeitherListedNorCountedAndAnswerAsUnknownOnes() {
        TenancyWorld world = world();
        TestHttp admin = as(world.callerKeys().get("admin"));
        TestHttp predictor = as(world.callerKeys().get("predict"));
        String othersKey = world.reference("{keyId}", Target.PRIVATE_OF_ANOTHER);

        JsonNode keys = admin.get("/api/v1/api-keys").json().get("data");
        assertThat(keys)
                .extracting(k -> k.get("account_id").asString())
                .containsOnly(world.caller().id().toString());
        assertThat(keys).extracting(k -> k.get("id").asString()).doesNotContain(othersKey);

        String unknown = UUID.randomUUID().toString();
        Call hidden = call(admin, "GET", "/api/v1/usage?key_id=" + othersKey, null);
        Call missing = call(admin, "GET", "/api/v1/usage?key_id=" + unknown, null);
        List<String> mismatches = new ArrayList<>();
        check(mismatches, "GET /api/v1/usage?key_id", "admin", Target.PRIVATE_OF_ANOTHER, API_KEY_NOT_FOUND, hidden);
        compare(mismatches, "GET /api/v1/usage?key_id [admin]", hidden, othersKey, missing, unknown);

        String sibling = world.callerKeys().get("models:read").id().toString();
        check(
                mismatches,
                "GET /api/v1/usage?key_id",
                "predict",
                Target.OWN,
                FORBIDDEN,
                call(predictor, "GET", "/api/v1/usage?key_id=" + sibling, null));
        check(
                mismatches,
                "GET /api/v1/usage?scope=account",
                "predict",
                Target.OWN,
                FORBIDDEN,
                call(predictor, "GET", "/api/v1/usage?scope=account", null));
        Call account = call(admin, "GET", "/api/v1/usage?scope=account", null);
        check(mismatches, "GET /api/v1/usage?scope=account", "admin", Target.OWN, Answer.ok(200), account);
        assertThat(mismatches).isEmpty();
        assertThat(account.response().json().get("account_id").asString())
                .isEqualTo(world.caller().id().toString());
        assertThat(account.response().json().has("key_id"))
                .as("UsageReport requires key_id, null for scope=account")
                .isTrue();
        assertThat(account.response().json().get("key_id").isNull()).isTrue();
    }

    @Test
    void keysAreIssuedIntoTheCallersOwnAccountOnlyAndNeverWithThePlatformScope() {
        TenancyWorld world = world();
        TestHttp admin = as(world.callerKeys().get("admin"));
        List<String> keysBefore = Snapshot.keys(jdbc, world.other().id());
        String other = world.other().id().toString();
        String unknown = UUID.randomUUID().toString();
        List<String> mismatches = new ArrayList<>();

        Call intoAnother = issue(admin, Map.of("account_id", other));
        Call intoUnknown = issue(admin, Map.of("account_id", unknown));
        check(
                mismatches,
                "POST /api/v1/api-keys account_id",
                "admin",
                Target.PRIVATE_OF_ANOTHER,
                Answer.problem(422, "invalid_request"),
                intoAnother);
        compare(mismatches, "POST /api/v1/api-keys account_id [admin]", intoAnother, other, intoUnknown, unknown);
        check(
                mismatches,
                "POST /api/v1/api-keys account_id",
                Tenants.PLATFORM_ADMIN,
                Target.MISSING,
                Answer.problem(422, "invalid_request"),
                issue(operator(), Map.of("account_id", unknown)));
        check(
                mismatches,
                "POST /api/v1/api-keys platform_admin",
                "admin",
                Target.OWN,
                FORBIDDEN,
                issue(admin, Map.of("platform_admin", true)));
        check(
                mismatches,
                "POST /api/v1/api-keys",
                "models:write",
                Target.OWN,
                INSUFFICIENT_SCOPE,
                issue(as(world.callerKeys().get("models:write")), Map.of()));
        Call own = issue(admin, Map.of("account_id", world.caller().id().toString()));
        check(mismatches, "POST /api/v1/api-keys account_id", "admin", Target.OWN, Answer.ok(201), own);
        assertThat(mismatches).isEmpty();

        assertThat(intoAnother
                        .response()
                        .json()
                        .get("errors")
                        .get(0)
                        .get("pointer")
                        .asString())
                .isEqualTo("/account_id");
        assertThat(own.response().json().get("account_id").asString())
                .isEqualTo(world.caller().id().toString());
        assertThat(Snapshot.keys(jdbc, world.other().id()))
                .as("the other account's keys")
                .isEqualTo(keysBefore);
    }

    @Test
    void onlyTheOperatorCreatesAccountsAndEveryKeySeesItsOwn() {
        TenancyWorld world = world();
        TestHttp admin = as(world.callerKeys().get("admin"));
        String body = Tenants.json(Map.of("slug", Tenants.unique("by-an-admin"), "name", "By an admin"));
        List<String> mismatches = new ArrayList<>();

        check(
                mismatches,
                "POST /api/v1/accounts",
                "admin",
                Target.OWN,
                INSUFFICIENT_SCOPE,
                call(admin, "POST", "/api/v1/accounts", body));
        check(
                mismatches,
                "POST /api/v1/accounts (slug taken)",
                Tenants.PLATFORM_ADMIN,
                Target.OWN,
                Answer.problem(409, "account_slug_taken"),
                call(
                        operator(),
                        "POST",
                        "/api/v1/accounts",
                        Tenants.json(Map.of("slug", world.other().slug(), "name", "Again"))));
        Call ownAccount = call(as(world.callerKeys().get("models:read")), "GET", "/api/v1/account", null);
        check(mismatches, "GET /api/v1/account", "models:read", Target.OWN, Answer.ok(200), ownAccount);
        check(
                mismatches,
                "GET /api/v1/account",
                "predict",
                Target.OWN,
                INSUFFICIENT_SCOPE,
                call(as(world.callerKeys().get("predict")), "GET", "/api/v1/account", null));
        assertThat(mismatches).isEmpty();
        assertThat(ownAccount.response().json().get("id").asString())
                .isEqualTo(world.caller().id().toString());
        assertThat(ownAccount.response().json().get("slug").asString())
                .isEqualTo(world.caller().slug());
    }

    private static Call issue(TestHttp issuer, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tenancy key");
        body.put("scopes", List.of("predict"));
        body.putAll(fields);
        return call(issuer, "POST", "/api/v1/api-keys", Tenants.json(body));
    }
}
