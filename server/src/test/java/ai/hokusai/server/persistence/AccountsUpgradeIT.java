package ai.hokusai.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.MovableClock;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.ExampleInputs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The upgrade to accounts, on a database as the build before them left it: migrated to V4, with the keys, model 21,
 * a second model, usage records and outcomes that build wrote. The new server migrates it and starts; every old key
 * still works with exactly its old scopes, no usage record or outcome is lost, and everything belongs to the
 * operator's account, the old models public.
 */
class AccountsUpgradeIT {

    private static final String MODEL_21_DEPLOYMENT = "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21";
    private static final int OLD_MODEL = 30;
    private static final UUID OLD_MODEL_DEPLOYMENT = UUID.fromString("3c0ffee0-4b1d-4c2a-9e5f-000000000030");
    private static final List<String> ALL_OLD_SCOPES = List.of("predict", "models:read", "models:write", "admin");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** A key as the old build stored it, with the secret only its holder knows. */
    private record OldKey(UUID id, String secret, List<String> scopes, boolean revoked) {}

    private static EmbeddedPostgres database;
    private static JdbcTemplate sql;
    private static ConfigurableApplicationContext server;
    private static OldKey admin;
    private static OldKey predictor;
    private static OldKey reader;
    private static OldKey revoked;
    private static OldKey bootstrap;
    /** The day the old records were made, two days before today. */
    private static LocalDate day;

    private static List<String> logsBefore;
    /** How many usage records the old build wrote so far: each starts a minute after the one before. */
    private static int logs;

    private static List<String> outcomesBefore;

    @BeforeAll
    static void upgradeADatabaseOfTheBuildBeforeAccounts() {
        database = startDatabase();
        DataSource dataSource = database.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("4")
                .load()
                .migrate();
        sql = new JdbcTemplate(dataSource);

        insertModel(21, "lscor-v2", UUID.fromString(MODEL_21_DEPLOYMENT), "2.0.0");
        insertModel(OLD_MODEL, "old-lead-scorer", OLD_MODEL_DEPLOYMENT, "1.0.0");
        bootstrap = insertKey(ServerIntegrationTest.ADMIN_KEY, "bootstrap admin key", ALL_OLD_SCOPES, false);
        admin = insertKey(newSecret(), "ops admin", ALL_OLD_SCOPES, false);
        predictor = insertKey(newSecret(), "CRM", List.of("predict"), false);
        reader = insertKey(newSecret(), "catalogue", List.of("models:read"), false);
        revoked = insertKey(newSecret(), "old CRM", List.of("predict", "models:read"), true);

        day = LocalDate.now(MovableClock.SHARED).minusDays(2);
        UUID first = insertLog(predictor, 21, "succeeded", 1);
        insertLog(predictor, 21, "succeeded", 2);
        UUID third = insertLog(predictor, 21, "succeeded", 1);
        insertLog(predictor, 21, "failed", 0);
        insertLog(predictor, OLD_MODEL, "succeeded", 1);
        insertLog(predictor, OLD_MODEL, "succeeded", 3);
        insertLog(admin, 21, "succeeded", 5);
        insertLog(revoked, OLD_MODEL, "succeeded", 2);
        insertOutcome(first, predictor, 1.0);
        insertOutcome(third, predictor, 0.0);
        logsBefore = oldLogs();
        outcomesBefore = outcomes();

        server = ExternalInstances.start(database.getJdbcUrl("postgres", "postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void noUsageRecordOrOutcomeOfTheOldBuildIsLostOrChanged() {
        assertThat(oldLogs())
                .as("the old build's inference_logs rows")
                .hasSize(8)
                .isEqualTo(logsBefore);
        assertThat(outcomes()).as("the old build's outcomes").hasSize(2).isEqualTo(outcomesBefore);
    }

    @Test
    void everythingThatExistedBelongsToTheOperatorsAccountAndTheOldModelsArePublic() {
        assertThat(sql.queryForMap("SELECT slug, name FROM accounts WHERE id = ?", Tenants.OPERATOR_ACCOUNT))
                .containsEntry("slug", "hokusai");
        for (OldKey key : List.of(bootstrap, admin, predictor, reader, revoked)) {
            assertThat(sql.queryForObject("SELECT account_id FROM api_keys WHERE id = ?", UUID.class, key.id()))
                    .as("the account of key %s", key.id())
                    .isEqualTo(Tenants.OPERATOR_ACCOUNT);
        }
        for (int model : List.of(21, OLD_MODEL)) {
            assertThat(sql.queryForMap("SELECT account_id, visibility FROM models WHERE id = ?", model))
                    .as("model %d", model)
                    .containsEntry("account_id", Tenants.OPERATOR_ACCOUNT)
                    .containsEntry("visibility", "public");
        }

        TestHttp newcomer = on(Tenants.issueKey(
                        on(ServerIntegrationTest.ADMIN_KEY),
                        Tenants.createAccount(on(ServerIntegrationTest.ADMIN_KEY), "after-upgrade", null)
                                .id(),
                        List.of("predict", "models:read"))
                .secret());
        JsonNode oldModel = newcomer.get("/api/v1/models/" + OLD_MODEL).json();
        assertThat(oldModel.get("visibility").asString()).isEqualTo("public");
        assertThat(oldModel.get("owner_account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
        assertThat(newcomer.postJson("/api/v1/models/" + OLD_MODEL + "/predict", ExampleInputs.predictRequestJson())
                        .status())
                .as("another account calls the old model")
                .isEqualTo(200);
        assertThat(newcomer.get("/api/v1/models/21").json().get("visibility").asString())
                .isEqualTo("public");
    }

    @Test
    void everyOldKeyWorksWithExactlyItsOldScopes() {
        TestHttp predict = on(predictor.secret());
        assertThat(predict.postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson())
                        .status())
                .isEqualTo(200);
        assertThat(predict.postJson("/api/v1/models/" + OLD_MODEL + "/predict", ExampleInputs.predictRequestJson())
                        .status())
                .isEqualTo(200);
        assertInsufficientScope(predict.get("/api/v1/models/21"));

        TestHttp read = on(reader.secret());
        assertThat(read.get("/api/v1/models/21").status()).isEqualTo(200);
        assertThat(read.get("/api/v1/models/" + OLD_MODEL).status()).isEqualTo(200);
        assertThat(read.get("/api/v1/deployments/" + OLD_MODEL_DEPLOYMENT).status())
                .isEqualTo(200);
        assertInsufficientScope(read.postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson()));

        TestHttp.Response listed = on(admin.secret()).get("/api/v1/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        Map<String, JsonNode> byId = listed.json()
                .get("data")
                .valueStream()
                .collect(Collectors.toMap(k -> k.get("id").asString(), k -> k));
        for (OldKey key : List.of(admin, predictor, reader, revoked)) {
            JsonNode shown = byId.get(key.id().toString());
            assertThat(shown)
                    .as("key %s is listed to the old admin key", key.id())
                    .isNotNull();
            assertThat(shown.get("account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
            assertThat(shown.get("scopes").valueStream().map(JsonNode::asString).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(key.scopes()));
            assertThat(shown.get("platform_admin") == null
                            || !shown.get("platform_admin").asBoolean())
                    .as("an old key other than the bootstrap key is no platform admin")
                    .isTrue();
        }
        assertInsufficientScope(on(admin.secret())
                .postJson(
                        "/api/v1/accounts",
                        Tenants.json(Map.of("slug", Tenants.unique("not-by-admin"), "name", "Not by admin"))));

        TestHttp.Response refused = on(revoked.secret()).get("/api/v1/models/21");
        assertThat(refused.status()).as("a revoked key stays revoked").isEqualTo(401);
    }

    @Test
    void theOldBuildsBootstrapKeyIsThePlatformOperatorsAfterTheUpgrade() {
        TestHttp operator = on(bootstrap.secret());
        JsonNode listed = operator.get("/api/v1/api-keys")
                .json()
                .get("data")
                .valueStream()
                .filter(k -> k.get("id").asString().equals(bootstrap.id().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("platform_admin").asBoolean())
                .as("HOKUSAI_BOOTSTRAP_API_KEY holds all five scopes")
                .isTrue();

        TestHttp.Response created = operator.postJson(
                "/api/v1/accounts",
                Tenants.json(Map.of("slug", Tenants.unique("first-publisher"), "name", "First publisher")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void theOldKeysUsageIsReportedAsBefore() {
        String range = "from=" + day + "&to=" + day;
        JsonNode own = on(predictor.secret()).get("/api/v1/usage?" + range).json();
        assertThat(own.get("account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
        assertThat(own.get("key_id").asString()).isEqualTo(predictor.id().toString());
        assertThat(rows(own)).containsExactly(day + " 21 null 3 4", day + " " + OLD_MODEL + " null 2 4");

        JsonNode ofTheAccount =
                on(admin.secret()).get("/api/v1/usage?scope=account&" + range).json();
        assertThat(rows(ofTheAccount))
                .containsExactlyInAnyOrder(
                        day + " 21 " + predictor.id() + " 3 4",
                        day + " " + OLD_MODEL + " " + predictor.id() + " 2 4",
                        day + " 21 " + admin.id() + " 1 5",
                        day + " " + OLD_MODEL + " " + revoked.id() + " 1 2");

        JsonNode model21 =
                on(admin.secret()).get("/api/v1/models/21/usage?" + range).json();
        assertThat(model21.get("data")).hasSize(1);
        JsonNode calls = model21.get("data").get(0);
        assertThat(calls.get("account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
        assertThat(calls.get("requests").asLong()).as("answered or not").isEqualTo(5);
        assertThat(calls.get("failed_requests").asLong()).isEqualTo(1);
        assertThat(calls.get("predictions").asLong()).isEqualTo(9);
        assertThat(ofTheAccount.has("key_id"))
                .as("UsageReport requires key_id, null for scope=account")
                .isTrue();
        assertThat(ofTheAccount.get("key_id").isNull()).isTrue();
    }

    // ---- the old build's database ----

    private static EmbeddedPostgres startDatabase() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model and its active, ready deployment of the bundled lscor artifact, as the old build registered them. */
    private static void insertModel(int id, String slug, UUID deployment, String version) {
        sql.update(
                "INSERT INTO models (id, slug, name, ticker, description, tags, task, max_batch_size,"
                        + " cache_ttl_seconds, input_schema, output_schema) VALUES (?, ?, ?, 'LSCOR', ?, '{Prediction,Sales}',"
                        + " 'tabular-classification', 100, 3600, CAST(? AS jsonb), CAST(? AS jsonb))",
                id,
                slug,
                "Lead scorer " + slug,
                "Lead scoring for SaaS sales leads.",
                Tenants.json(Tenants.schema("LeadScoringInput")),
                Tenants.json(Tenants.schema("LeadScore")));
        sql.update(
                "INSERT INTO deployments (id, model_id, version, artifact_provider, artifact_location, runtime,"
                        + " status, load_status, loaded_at) VALUES (?, ?, ?, 'bundled', 'classpath:models/lscor-v2',"
                        + " 'lscor-logistic', 'active', 'ready', now())",
                deployment,
                id,
                version);
    }

    private static OldKey insertKey(String secret, String name, List<String> scopes, boolean isRevoked) {
        UUID id = UUID.randomUUID();
        sql.update(
                "INSERT INTO api_keys (id, prefix, key_hash, name, scopes, rate_limit_per_hour, revoked_at)"
                        + " VALUES (?, ?, ?, ?, CAST(? AS text[]), 1000, " + (isRevoked ? "now()" : "NULL") + ")",
                id,
                secret.substring(0, 16),
                oldHash(secret),
                name,
                "{" + String.join(",", scopes) + "}");
        return new OldKey(id, secret, scopes, isRevoked);
    }

    /**
     * How the build before accounts hashed a key (ApiKeyHasher): HMAC-SHA256 of the whole key under the key-hash
     * secret, which the new server is started with too.
     */
    private static byte[] oldHash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ExternalInstances.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newSecret() {
        StringBuilder secret = new StringBuilder("hk_live_");
        for (int i = 0; i < 32; i++) {
            secret.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return secret.toString();
    }

    private static UUID insertLog(OldKey key, int model, String status, int predictions) {
        UUID id = UUID.randomUUID();
        OffsetDateTime started = day.atTime(9, 0).atOffset(ZoneOffset.UTC).plusMinutes(++logs);
        UUID deployment = model == 21 ? UUID.fromString(MODEL_21_DEPLOYMENT) : OLD_MODEL_DEPLOYMENT;
        sql.update(
                "INSERT INTO inference_logs (id, api_key_id, model_id, deployment_id, model_version, request_id,"
                        + " status, error_code, latency_ms, prediction_count, input_payload, output_payload, started_at,"
                        + " completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0.5, ?, ?, ?, ?, ?)",
                id,
                key.id(),
                model,
                deployment,
                model == 21 ? "2.0.0" : "1.0.0",
                "old-request-" + logs,
                status,
                status.equals("failed") ? "invalid_input" : null,
                predictions,
                ExampleInputs.leadJson(),
                status.equals("failed") ? null : "{\"lead_score\": 82}",
                started,
                started.plusNanos(500_000));
        return id;
    }

    private static void insertOutcome(UUID log, OldKey key, double score) {
        sql.update(
                "INSERT INTO outcomes (id, inference_log_id, api_key_id, outcome_score, outcome_type)"
                        + " VALUES (?, ?, ?, ?, 'conversion')",
                UUID.randomUUID(),
                log,
                key.id(),
                score);
    }

    private static List<String> oldLogs() {
        // The old build's columns only: a column a later migration adds (token_count, empty on old rows) is not theirs.
        return sql.queryForList(
                "SELECT (to_jsonb(l) - 'token_count')::text FROM inference_logs l WHERE request_id LIKE 'old-%'"
                        + " ORDER BY id",
                String.class);
    }

    private static List<String> outcomes() {
        return sql.queryForList("SELECT row_to_json(o)::text FROM outcomes o ORDER BY id", String.class);
    }

    // ---- the new server ----

    private static TestHttp on(String key) {
        return ExternalInstances.http(server, key);
    }

    private static void assertInsufficientScope(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("insufficient_scope");
    }

    /** "date model key requests predictions" per row, key null when the report does not name it per row. */
    private static List<String> rows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        report.get("data")
                .forEach(r -> rows.add(r.get("date").asString() + " "
                        + r.get("model_id").asInt() + " "
                        + (r.get("key_id") == null || r.get("key_id").isNull()
                                ? "null"
                                : r.get("key_id").asString()) + " "
                        + r.get("requests").asLong() + " "
                        + r.get("predictions").asLong()));
        return rows;
    }
}
