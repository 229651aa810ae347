package ai.hokusai.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.service.CredentialService;
import ai.hokusai.testsupport.HubStub;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a publisher's artifacts may come from, through the API of two servers on one PostgreSQL, one with an artifact
 * root and one without: {@code file://} only beneath the root, every other path refused with one answer; and a
 * private Hugging Face repository read with the token of the model's own account, never with another account's (not
 * even through the copy another account downloaded), never with the server-wide token unless the model is the
 * operator's, and no token in clear in the database or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ArtifactSourcesIT {

    private static final String SECRETS_KEY =
            Base64.getEncoder().encodeToString("artifact-sources-it-secrets-key!".getBytes(StandardCharsets.US_ASCII));
    private static final String ACME_TOKEN = "hf_acmeLabsReadToken4f9c2e7a1b3d5f80";
    private static final String BETA_TOKEN = "hf_betaCorpReadToken8e1d3c5b7a9f2460";
    private static final String DELTA_TOKEN = "hf_deltaIncReadToken1a2b3c4d5e6f7081";

    private static final Account ACME = new Account(
            UUID.fromString("a11ce000-0000-4000-8000-000000000001"),
            "acme-labs",
            UUID.fromString("a11ce000-0000-4000-8000-0000000000a1"),
            7101);
    private static final Account BETA = new Account(
            UUID.fromString("a11ce000-0000-4000-8000-000000000002"),
            "beta-corp",
            UUID.fromString("a11ce000-0000-4000-8000-0000000000a2"),
            7102);
    /** Has stored no token. */
    private static final Account GAMMA = new Account(
            UUID.fromString("a11ce000-0000-4000-8000-000000000003"),
            "gamma-works",
            UUID.fromString("a11ce000-0000-4000-8000-0000000000a3"),
            7103);

    private static final Account DELTA = new Account(
            UUID.fromString("a11ce000-0000-4000-8000-000000000004"),
            "delta-inc",
            UUID.fromString("a11ce000-0000-4000-8000-0000000000a4"),
            7104);

    private static final Path DIRECTORY = ServerIntegrationTest.newDataDir();
    private static final Path ROOT = DIRECTORY.resolve("artifact-root");
    private static final Path OUTSIDE = DIRECTORY.resolve("outside");

    private static HubStub hub;
    private static EmbeddedPostgres database;
    private static ConfigurableApplicationContext rooted;
    private static ConfigurableApplicationContext unrooted;
    private static int versions;

    /** An account with a key of its own (its audit events name it) and a private model. */
    private record Account(UUID id, String slug, UUID keyId, int modelId) {

        Caller caller() {
            return new Caller(
                    new ApiKeyPrincipal(
                            keyId,
                            id,
                            "hk_test_" + slug.substring(0, 5),
                            slug + " admin",
                            Set.of("admin"),
                            null,
                            1000,
                            null,
                            null),
                    "req_" + slug);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        HubArtifacts.lscor(ROOT.resolve("acme/lscor"), "2.0.0");
        HubArtifacts.lscor(OUTSIDE, "2.0.0");
        Files.createSymbolicLink(ROOT.resolve("escape"), OUTSIDE);
        hub = new HubStub()
                .repository("acme-labs/scorer", HubArtifacts.lscor(DIRECTORY.resolve("hub/acme"), "2.0.0"))
                .requireToken("acme-labs/scorer", ACME_TOKEN)
                .repository("hokusai/scorer", HubArtifacts.lscor(DIRECTORY.resolve("hub/hokusai"), "2.0.0"));
        database = EmbeddedPostgres.builder().start();
        String url = database.getJdbcUrl("postgres", "postgres");
        rooted = ExternalInstances.start(
                url,
                "--hokusai.artifact-root=" + ROOT,
                "--hokusai.huggingface.endpoint=" + hub.endpoint(),
                "--hokusai.huggingface.token=" + HubStub.TOKEN,
                "--hokusai.secrets-key=" + SECRETS_KEY);
        unrooted = ExternalInstances.start(
                url,
                "--hokusai.huggingface.endpoint=" + hub.endpoint(),
                "--hokusai.huggingface.token=" + HubStub.TOKEN,
                "--hokusai.secrets-key=" + SECRETS_KEY);
        for (Account account : List.of(ACME, BETA, GAMMA, DELTA)) {
            create(account);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (unrooted != null) {
            unrooted.close();
        }
        if (rooted != null) {
            rooted.close();
        }
        if (database != null) {
            database.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** Accounts and their keys and models are written as rows: this is about artifacts, not about managing them. */
    private static void create(Account account) {
        JdbcTemplate sql = sql();
        sql.update(
                "INSERT INTO accounts (id, slug, name) VALUES (?, ?, ?)", account.id(), account.slug(), account.slug());
        sql.update(
                "INSERT INTO api_keys (id, prefix, key_hash, name, scopes, account_id) "
                        + "VALUES (?, ?, ?, ?, ARRAY['admin'], ?)",
                account.keyId(),
                "hk_test_" + account.slug(),
                new byte[32],
                account.slug() + " admin",
                account.id());
        sql.update(
                "INSERT INTO models (id, slug, name, description, tags, task, max_batch_size, cache_ttl_seconds, "
                        + "input_schema, output_schema, account_id, visibility) SELECT ?, ?, ?, '', '{}', task, "
                        + "max_batch_size, 60, input_schema, output_schema, ?, 'private' FROM models WHERE id = 21",
                account.modelId(),
                account.slug() + "-scorer",
                account.slug() + " scorer",
                account.id());
    }

    private static JdbcTemplate sql() {
        return rooted.getBean(JdbcTemplate.class);
    }

    private static CredentialService credentials() {
        return rooted.getBean(CredentialService.class);
    }

    @Test
    void everyFileLocationNotBeneathTheRootGetsTheSameAnswerAndOneBeneathItLoads() throws IOException {
        Files.createDirectories(ROOT.resolve("empty"));
        List<String> refused = List.of(
                "file:///etc",
                "file:///root/.ssh",
                "file://" + OUTSIDE,
                "file://" + ROOT + "/../outside",
                "file://" + ROOT + "/acme/../../outside",
                "file://" + ROOT + "/escape",
                "file://" + ROOT + "/missing",
                "file://" + ROOT + "/acme/lscor/config.json",
                "file://" + ROOT);
        JsonNode first = null;
        for (String uri : refused) {
            TestHttp.Response answer = deploy(rooted, 21, uri);
            assertThat(answer.status()).as(uri + ": " + answer.body()).isEqualTo(422);
            assertThat(answer.json().get("code").asString()).isEqualTo("invalid_request");
            assertThat(answer.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/artifact_uri");
            assertThat(answer.body())
                    .as("nothing of the path is echoed")
                    .doesNotContain(uri.substring(7))
                    .doesNotContain("exist");
            JsonNode body = withoutRequestId(answer.json());
            if (first == null) {
                first = body;
            }
            assertThat(body).as(uri).isEqualTo(first);
        }
        assertThat(first.get("detail").asString()).contains("names no artifact directory under the artifact root");

        TestHttp.Response accepted = deploy(rooted, 21, "file://" + ROOT + "/acme/lscor");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode loaded = awaitLoad(accepted.json().get("id").asString());
        assertThat(loaded.get("load_status").asString()).as(loaded.toString()).isEqualTo("ready");
        assertThat(loaded.get("files").valueStream().map(f -> f.get("name").asString()))
                .contains("config.json");
    }

    @Test
    void withoutAnArtifactRootFileArtifactsAreRefusedNamingTheSetting() {
        TestHttp.Response answer = deploy(unrooted, 21, "file://" + ROOT + "/acme/lscor");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("code").asString()).isEqualTo("invalid_request");
        JsonNode violation = answer.json().get("errors").get(0);
        assertThat(violation.get("pointer").asString()).isEqualTo("/artifact_uri");
        assertThat(violation.get("message").asString()).contains("HOKUSAI_ARTIFACT_ROOT");
        assertThat(answer.json().get("detail").asString()).contains("HOKUSAI_ARTIFACT_ROOT");
    }

    @Test
    void aPrivateRepositoryIsReadWithTheTokenOfTheModelsAccountAndNoOther(CapturedOutput output) {
        OffsetDateTime stored = credentials().setHuggingFaceToken(ACME.caller(), ACME_TOKEN);
        credentials().setHuggingFaceToken(BETA.caller(), BETA_TOKEN);
        assertThat(stored).isNotNull();

        JsonNode owners = awaitLoad(deployed(ACME.modelId(), "hf://acme-labs/scorer"));
        assertThat(owners.get("load_status").asString()).as(owners.toString()).isEqualTo("ready");
        assertThat(owners.get("revision").asString()).isEqualTo(HubStub.COMMIT);

        JsonNode anothers = awaitLoad(deployed(BETA.modelId(), "hf://acme-labs/scorer"));
        assertThat(anothers.get("load_status").asString()).isEqualTo("failed");
        assertThat(anothers.get("failure_reason").asString())
                .contains("refused")
                .contains("acme-labs/scorer");
        JsonNode atTheOwnersCommit = awaitLoad(deployed(BETA.modelId(), "hf://acme-labs/scorer@" + HubStub.COMMIT));
        assertThat(atTheOwnersCommit.get("load_status").asString())
                .as("the owner's download is not another's")
                .isEqualTo("failed");

        JsonNode withoutToken = awaitLoad(deployed(GAMMA.modelId(), "hf://acme-labs/scorer"));
        assertThat(withoutToken.get("load_status").asString()).isEqualTo("failed");
        assertThat(withoutToken.get("failure_reason").asString()).contains("needs a token");
        JsonNode operatorsRepository = awaitLoad(deployed(GAMMA.modelId(), "hf://hokusai/scorer"));
        assertThat(operatorsRepository.get("load_status").asString())
                .as("HF_TOKEN is the operator's alone")
                .isEqualTo("failed");
        JsonNode operators = awaitLoad(deployed(21, "hf://hokusai/scorer"));
        assertThat(operators.get("load_status").asString())
                .as(operators.toString())
                .isEqualTo("ready");

        List<String> tokens = List.of(ACME_TOKEN, BETA_TOKEN, HubStub.TOKEN);
        assertNowhereInTheDatabase(tokens);
        assertThat(output.getAll()).as("the log, which says why loads failed").contains("failed to load");
        for (String token : tokens) {
            assertThat(output.getAll()).as("the log").doesNotContain(token);
        }
    }

    @Test
    void storingAndRemovingATokenIsAuditedOnceEachAndRemovingNoneRecordsNothing() {
        credentials().setHuggingFaceToken(DELTA.caller(), DELTA_TOKEN);
        credentials().setHuggingFaceToken(DELTA.caller(), DELTA_TOKEN + "2");
        byte[] nonce = sql().queryForObject(
                        "SELECT nonce FROM account_credentials WHERE account_id = ?", byte[].class, DELTA.id());
        credentials().deleteHuggingFaceToken(DELTA.caller());
        credentials().deleteHuggingFaceToken(DELTA.caller());

        assertThat(nonce).hasSize(12);
        assertThat(sql().queryForObject(
                                "SELECT count(*) FROM account_credentials WHERE account_id = ?",
                                Long.class,
                                DELTA.id()))
                .isZero();
        assertThat(sql().queryForList(
                                "SELECT operation || ' ' || object_type || ' ' || object_id || ' ' || "
                                        + "actor_key_id || ' ' || request_id || ' ' || changes::text FROM audit_events WHERE account_id = ? "
                                        + "ORDER BY occurred_at",
                                String.class,
                                DELTA.id()))
                .containsExactly(
                        "credential.set credential huggingface " + DELTA.keyId() + " req_delta-inc {}",
                        "credential.set credential huggingface " + DELTA.keyId() + " req_delta-inc {}",
                        "credential.delete credential huggingface " + DELTA.keyId() + " req_delta-inc {}");
        assertNowhereInTheDatabase(List.of(DELTA_TOKEN));
    }

    /** Every row of the tables a token could leak into, as PostgreSQL prints it (bytea as hex). */
    private static void assertNowhereInTheDatabase(List<String> tokens) {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("account_credentials", "deployments", "audit_events", "accounts")) {
            rows.addAll(sql().queryForList("SELECT t::text FROM " + table + " t", String.class));
        }
        assertThat(rows).as("rows written").isNotEmpty();
        for (String token : tokens) {
            String hex = HexFormat.of().formatHex(token.getBytes(StandardCharsets.UTF_8));
            assertThat(rows).as("the database").noneMatch(row -> row.contains(token) || row.contains(hex));
        }
        assertThat(sql().queryForList(
                                "SELECT failure_reason FROM deployments WHERE failure_reason IS NOT NULL",
                                String.class))
                .allSatisfy(reason -> assertThat(reason).doesNotContain("hf_"));
    }

    private static TestHttp.Response deploy(ConfigurableApplicationContext instance, int modelId, String uri) {
        return ExternalInstances.http(instance, ServerIntegrationTest.ADMIN_KEY)
                .postJson(
                        "/api/v1/models/" + modelId + "/deployments",
                        "{\"version\": \"1.0." + (++versions) + "\", \"runtime\": \"lscor-logistic\", "
                                + "\"artifact_uri\": \"" + uri + "\"}");
    }

    private static String deployed(int modelId, String uri) {
        TestHttp.Response created = deploy(rooted, modelId, uri);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        return created.json().get("id").asString();
    }

    private static JsonNode withoutRequestId(JsonNode problem) {
        ObjectNode copy = (ObjectNode) problem.deepCopy();
        copy.remove("request_id");
        return copy;
    }

    private static JsonNode awaitLoad(String deploymentId) {
        TestHttp http = ExternalInstances.http(rooted, ServerIntegrationTest.ADMIN_KEY);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode deployment =
                    http.get("/api/v1/deployments/" + deploymentId).json();
            String status = deployment.get("load_status").asString();
            if (status.equals("ready") || status.equals("failed") || System.nanoTime() > deadline) {
                return deployment;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
