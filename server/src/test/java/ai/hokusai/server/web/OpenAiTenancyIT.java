package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.SpecCheck;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.deployment.HubArtifacts;
import ai.hokusai.server.web.TenancyAnswers.Call;
import ai.hokusai.server.web.TenancyWorld.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible routes across accounts. One account publishes two embedding models, each serving from an
 * active deployment on the {@code onnx-text-embedding} runtime: a private one and a public one. A {@code predict} key
 * of another account does not find the private one in the model list, and describing it or embedding with it, by slug
 * or by number, answers exactly as a model that does not exist; the public one it finds, describes and calls, as the
 * spec documents ("its own account's and every public one"). The publisher's own key finds and calls both, so every
 * refusal is about whose the model is. Every answer is checked against the spec.
 */
class OpenAiTenancyIT extends AccountsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODELS = "/api/openai/v1/models";
    private static final String EMBEDDINGS = "/api/openai/v1/embeddings";
    private static final Duration METERING_TIMEOUT = Duration.ofSeconds(30);

    /** Made by the first test and kept for the others: loading an embedding model takes a while. */
    private static World world;

    /** The publishing account, its two serving embedding models and a predict key of it; the other account. */
    record World(
            Tenants.Account publisher,
            Tenants.Model privateModel,
            Tenants.Model publicModel,
            TestKeys.Key publishersKey,
            Tenants.Account other) {}

    @BeforeEach
    void anAccountPublishesAPrivateAndAPublicEmbeddingModel() {
        if (world != null) {
            return;
        }
        TestHttp operator = operator();
        String artifactUri = "file://" + HubArtifacts.miniLm(artifactRoot().resolve("openai-tenancy/minilm"));
        Tenants.Account publisher = Tenants.createAccount(operator, "openai-publisher", null);
        Tenants.Account other = Tenants.createAccount(operator, "openai-other", null);
        TestHttp publishing = as(Tenants.issueKey(operator, publisher.id(), List.of("admin")));
        Tenants.Model privateModel = embeddingModel(publishing, "openai-private", "private", artifactUri);
        Tenants.Model publicModel = embeddingModel(publishing, "openai-public", "public", artifactUri);
        world = new World(
                publisher,
                privateModel,
                publicModel,
                Tenants.issueKey(operator, publisher.id(), List.of("predict")),
                other);
    }

    @Test
    void anotherAccountsKeyListsItsPublicEmbeddingModelButNotItsPrivateOne() {
        TestHttp.Response publishers =
                SpecCheck.valid("GET", MODELS, as(world.publishersKey()).get(MODELS));
        TestHttp.Response others =
                SpecCheck.valid("GET", MODELS, as(othersKey()).get(MODELS));

        assertThat(publishers.status()).as(publishers.toString()).isEqualTo(200);
        assertThat(ids(publishers))
                .contains(world.privateModel().slug(), world.publicModel().slug());
        assertThat(others.status()).as(others.toString()).isEqualTo(200);
        assertThat(ids(others))
                .contains(world.publicModel().slug())
                .doesNotContain(world.privateModel().slug());
        assertThat(others.body()).doesNotContain(world.privateModel().slug());
        assertThat(listed(others, world.publicModel().slug()).get("owned_by").asString())
                .isEqualTo(world.publisher().id().toString());
    }

    @Test
    void describingAnotherAccountsPrivateEmbeddingModelAnswersAsAModelThatDoesNotExist() {
        TestHttp publisher = as(world.publishersKey());
        TestHttp other = as(othersKey());

        hiddenToMissing().forEach((hidden, missing) -> {
            TestHttp.Response own = SpecCheck.valid("GET", MODELS + "/" + hidden, publisher.get(MODELS + "/" + hidden));
            assertThat(own.status())
                    .as("the publisher's key on %s: %s", hidden, own)
                    .isEqualTo(200);
            assertThat(own.json().get("id").asString())
                    .isEqualTo(world.privateModel().slug());

            Call hiddenCall = call(other, "GET", MODELS + "/" + hidden, null);
            Call missingCall = call(other, "GET", MODELS + "/" + missing, null);

            assertSameRefusal(hiddenCall, hidden, missingCall, missing);
        });
        for (String ref :
                List.of(world.publicModel().slug(), world.publicModel().ref())) {
            TestHttp.Response described = SpecCheck.valid("GET", MODELS + "/" + ref, other.get(MODELS + "/" + ref));
            assertThat(described.status())
                    .as("another account's public model %s: %s", ref, described)
                    .isEqualTo(200);
            assertThat(described.json().get("id").asString())
                    .isEqualTo(world.publicModel().slug());
            assertThat(described.json().get("owned_by").asString())
                    .isEqualTo(world.publisher().id().toString());
        }
    }

    @Test
    void embeddingWithAnotherAccountsPrivateModelAnswersAsAModelThatDoesNotExistAndCountsNowhere() {
        TestHttp publisher = as(world.publishersKey());
        TestKeys.Key othersKey = othersKey();
        TestHttp other = as(othersKey);
        Snapshot before = Snapshot.of(jdbc, world.publisher().id());
        int refused = 0;

        for (Map.Entry<String, String> pair : hiddenToMissing().entrySet()) {
            String hidden = pair.getKey();
            String missing = pair.getValue();
            TestHttp.Response own = SpecCheck.valid("POST", EMBEDDINGS, publisher.postJson(EMBEDDINGS, embed(hidden)));
            assertThat(own.status())
                    .as("the publisher's key on %s: %s", hidden, own)
                    .isEqualTo(200);
            assertThat(own.json().get("model").asString())
                    .isEqualTo(world.privateModel().slug());

            Call hiddenCall = call(other, "POST", EMBEDDINGS, embed(hidden));
            Call missingCall = call(other, "POST", EMBEDDINGS, embed(missing));
            refused += 2;

            assertSameRefusal(hiddenCall, hidden, missingCall, missing);
        }

        assertThat(Snapshot.of(jdbc, world.publisher().id()))
                .as("the publishing account's models, deployments, keys and events")
                .isEqualTo(before);
        List<Map<String, Object>> records = meteredCalls(othersKey, refused);
        assertThat(records)
                .as("the refused calls are the caller's records and name no model, so none counts in the"
                        + " publisher's view of its model")
                .hasSize(refused)
                .allSatisfy(r -> assertThat(r)
                        .containsEntry("status", "failed")
                        .containsEntry("error_code", "model_not_found")
                        .containsEntry("model_id", null));

        for (String ref :
                List.of(world.publicModel().slug(), world.publicModel().ref())) {
            TestHttp.Response embedded = SpecCheck.valid("POST", EMBEDDINGS, other.postJson(EMBEDDINGS, embed(ref)));
            assertThat(embedded.status())
                    .as("another account's public model %s: %s", ref, embedded)
                    .isEqualTo(200);
            assertThat(embedded.json().get("model").asString())
                    .isEqualTo(world.publicModel().slug());
            assertThat(embedded.json().get("data").get(0).get("embedding").size())
                    .isEqualTo(384);
        }
    }

    // ---- helpers ----

    /** Registers an embedding model as the spec's example does and makes it serve on the text-embedding runtime. */
    private static Tenants.Model embeddingModel(
            TestHttp publisher, String slugBase, String visibility, String artifactUri) {
        Map<String, Object> body = new LinkedHashMap<>(Tenants.example("ModelCreateEmbedding"));
        body.put("slug", Tenants.unique(slugBase));
        body.put("visibility", visibility);
        TestHttp.Response created = publisher.postJson("/api/v1/models", Tenants.json(body));
        assertThat(created.status()).as("POST /api/v1/models -> %s", created).isEqualTo(201);
        Tenants.Model model = new Tenants.Model(
                created.json().get("id").asInt(), created.json().get("slug").asString());
        Tenants.deployAndActivate(publisher, model, "1.0.0", "onnx-text-embedding", artifactUri);
        return model;
    }

    /** A new predict key of the other account. */
    private TestKeys.Key othersKey() {
        return Tenants.issueKey(operator(), world.other().id(), List.of("predict"));
    }

    /** The private model by slug and by number, each with a reference of the same form that no model answers to. */
    private static Map<String, String> hiddenToMissing() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(world.privateModel().slug(), TenancyWorld.MISSING_SLUG);
        pairs.put(world.privateModel().ref(), TenancyWorld.MISSING_MODEL);
        return pairs;
    }

    private static String embed(String model) {
        return Tenants.json(Map.of("model", model, "input", "The VP of Engineering requested a demo."));
    }

    private static Call call(TestHttp caller, String method, String path, String jsonBody) {
        Call call = TenancyAnswers.call(caller, method, path, jsonBody);
        SpecCheck.valid(method, path, call.response());
        return call;
    }

    /**
     * The call about another account's private model got the documented not-found answer, and exactly the answer the
     * call about a missing model got: the same status, content type, {@code type}, {@code code} and {@code param}, and
     * the same message and body but for the model named and the request id.
     */
    private static void assertSameRefusal(Call hidden, String hiddenRef, Call missing, String missingRef) {
        Refusal missingRefusal = Refusal.of(missing, missingRef);
        assertThat(missingRefusal.status())
                .as("%s %s", missing.path(), missing.response())
                .isEqualTo(404);
        assertThat(missingRefusal.type()).isEqualTo("not_found_error");
        assertThat(missingRefusal.code()).isEqualTo("model_not_found");
        assertThat(missingRefusal.param()).isNull();
        assertThat(missingRefusal.message()).contains("'{ref}'");
        assertThat(Refusal.of(hidden, hiddenRef))
                .as(
                        "another account's private model %s answered %s, a missing one %s",
                        hiddenRef, hidden.response(), missing.response())
                .isEqualTo(missingRefusal);
        assertThat(TenancyAnswers.normalised(hidden, hiddenRef))
                .isEqualTo(TenancyAnswers.normalised(missing, missingRef));
    }

    /**
     * What a refusal tells: its status, content type, the error's members and their values, with the model named in
     * the message put in a placeholder. The request id is the one sent, in the header and the body.
     */
    record Refusal(
            int status,
            String contentType,
            Set<String> members,
            String type,
            String code,
            String param,
            String message) {

        static Refusal of(Call call, String ref) {
            TestHttp.Response response = call.response();
            assertThat(response.header("X-Request-Id")).isEqualTo(call.requestId());
            JsonNode error = JSON.readTree(TenancyAnswers.normalised(call, ref)).get("error");
            assertThat(error).as("%s -> %s", call.path(), response).isNotNull();
            assertThat(error.get("request_id").asString()).isEqualTo("{request_id}");
            return new Refusal(
                    response.status(),
                    response.header("Content-Type"),
                    new TreeSet<>(error.propertyNames()),
                    text(error, "type"),
                    text(error, "code"),
                    text(error, "param"),
                    text(error, "message"));
        }

        private static String text(JsonNode error, String member) {
            JsonNode value = error.get(member);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    private static List<String> ids(TestHttp.Response list) {
        return list.json()
                .get("data")
                .valueStream()
                .map(m -> m.get("id").asString())
                .toList();
    }

    private static JsonNode listed(TestHttp.Response list, String slug) {
        return list.json()
                .get("data")
                .valueStream()
                .filter(m -> m.get("id").asString().equals(slug))
                .findFirst()
                .orElseThrow();
    }

    /** The key's usage records, once {@code expected} of them are written (the meter writes them off the call). */
    private List<Map<String, Object>> meteredCalls(TestKeys.Key key, int expected) {
        long deadline = System.nanoTime() + METERING_TIMEOUT.toNanos();
        while (true) {
            List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList(
                    "SELECT status, error_code, model_id FROM inference_logs WHERE api_key_id = ?", (Object) key.id()));
            if (rows.size() >= expected || System.nanoTime() > deadline) {
                return rows;
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
