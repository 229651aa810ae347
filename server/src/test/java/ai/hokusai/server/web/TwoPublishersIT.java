package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.testsupport.ExampleInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #23's scenario: two publishers on one platform. B may read and call the operator's public model 21 but not
 * change, deploy, activate or retire anything of it; A's private model does not exist for B. Every refused attempt
 * leaves the audit trail as it was; every change B makes to what is its own adds exactly one event, naming the key,
 * the account and the request.
 */
class TwoPublishersIT extends AccountsIntegrationTest {

    private static final String MODEL_21_DEPLOYMENT = "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21";

    @Test
    void publisherBCannotChangeTheOperatorsPublicModel21AndEachRefusalLeavesNoEvent() {
        TestHttp operator = operator();
        Tenants.Account b = Tenants.createAccount(operator, "publisher-b", null);
        TestKeys.Key bWriter = Tenants.issueKey(operator, b.id(), List.of("models:write"));
        TestKeys.Key bAdmin = Tenants.issueKey(operator, b.id(), List.of("admin"));
        JsonNode model21 = operator.get("/api/v1/models/21").json();
        List<String> model21Rows = model21Rows();

        for (TestKeys.Key key : List.of(bWriter, bAdmin)) {
            TestHttp publisher = as(key);
            refusedWithoutAnEvent(
                    "PATCH model 21",
                    403,
                    "forbidden",
                    () -> publisher.send(
                            "PATCH",
                            "/api/v1/models/21",
                            jsonHeaders("b-patch-21"),
                            Tenants.json(Map.of("description", "Now B's.", "visibility", "private"))));
            refusedWithoutAnEvent(
                    "deploy model 21",
                    403,
                    "forbidden",
                    () -> publisher.send(
                            "POST",
                            "/api/v1/models/21/deployments",
                            jsonHeaders("b-deploy-21"),
                            Tenants.json(Tenants.deploymentBody("9.9.9", lscorUri(), true))));
            refusedWithoutAnEvent(
                    "activate model 21's deployment",
                    403,
                    "forbidden",
                    () -> publisher.send(
                            "POST", "/api/v1/deployments/" + MODEL_21_DEPLOYMENT + "/activate", Map.of(), null));
            refusedWithoutAnEvent(
                    "retire model 21's deployment",
                    403,
                    "forbidden",
                    () -> publisher.send("DELETE", "/api/v1/deployments/" + MODEL_21_DEPLOYMENT, Map.of(), null));
        }

        assertThat(as(bAdmin).get("/api/v1/models/21").status())
                .as("still readable by B")
                .isEqualTo(200);
        JsonNode after = operator.get("/api/v1/models/21").json();
        assertThat(after).as("model 21 as the API shows it").isEqualTo(model21);
        assertThat(after.get("visibility").asString()).isEqualTo("public");
        assertThat(after.get("owner_account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
        assertThat(model21Rows()).as("model 21 and its deployments as stored").isEqualTo(model21Rows);
        assertThat(operator.get("/api/v1/models/21/deployments").json().get("data"))
                .extracting(d -> d.get("version").asString())
                .doesNotContain("9.9.9");
    }

    @Test
    void aPrivateModelOfPublisherADoesNotExistForBWhateverItTries() {
        TestHttp operator = operator();
        Tenants.Account a = Tenants.createAccount(operator, "publisher-a", null);
        Tenants.Account b = Tenants.createAccount(operator, "publisher-b", null);
        TestHttp aWriter = as(Tenants.issueKey(operator, a.id(), List.of("models:write", "models:read")));
        Tenants.Model aPrivate = Tenants.createModel(aWriter, "a-private", "private");
        String aDeployment = Tenants.deployAndActivate(aWriter, aPrivate, "1.0.0", lscorUri());
        String aModelRow = modelRow(aPrivate.id());
        TestKeys.Key bWriter = Tenants.issueKey(operator, b.id(), List.of("models:write"));
        TestKeys.Key bAdmin = Tenants.issueKey(operator, b.id(), List.of("admin"));
        String model = "/api/v1/models/" + aPrivate.id();
        String deployment = "/api/v1/deployments/" + aDeployment;
        String lead = ExampleInputs.predictRequestJson();

        for (TestKeys.Key key : List.of(bWriter, bAdmin)) {
            TestHttp publisher = as(key);
            refusedWithoutAnEvent(
                    "PATCH A's model",
                    404,
                    "model_not_found",
                    () -> publisher.send(
                            "PATCH", model, jsonHeaders("b-patch-a"), Tenants.json(Tenants.example("ModelUpdate21"))));
            refusedWithoutAnEvent(
                    "deploy A's model",
                    404,
                    "model_not_found",
                    () -> publisher.send(
                            "POST",
                            model + "/deployments",
                            jsonHeaders("b-deploy-a"),
                            Tenants.json(Tenants.deploymentBody("9.9.9", lscorUri(), true))));
            refusedWithoutAnEvent(
                    "activate A's deployment",
                    404,
                    "deployment_not_found",
                    () -> publisher.send("POST", deployment + "/activate", Map.of(), null));
            refusedWithoutAnEvent(
                    "retire A's deployment",
                    404,
                    "deployment_not_found",
                    () -> publisher.send("DELETE", deployment, Map.of(), null));
        }
        TestHttp bReads = as(bAdmin);
        for (String path : List.of(
                model,
                model + "/info",
                model + "/health",
                model + "/usage",
                model + "/deployments",
                "/api/v1/models/" + aPrivate.slug(),
                "/api/v1/models/" + aDeployment)) {
            refusedWithoutAnEvent("GET " + path, 404, "model_not_found", () -> bReads.get(path));
        }
        refusedWithoutAnEvent("GET A's deployment", 404, "deployment_not_found", () -> bReads.get(deployment));
        refusedWithoutAnEvent(
                "predict with A's model", 404, "model_not_found", () -> bReads.postJson(model + "/predict", lead));

        assertThat(modelRow(aPrivate.id())).as("A's model as stored").isEqualTo(aModelRow);
        assertThat(aWriter.get(deployment).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void eachChangeBMakesToItsOwnAddsExactlyOneEventNamingItsKeyAccountAndRequest() {
        TestHttp operator = operator();
        Tenants.Account b = Tenants.createAccount(operator, "publisher-b", null);
        TestKeys.Key bWriter = Tenants.issueKey(operator, b.id(), List.of("models:write"));
        TestKeys.Key bAdmin = Tenants.issueKey(operator, b.id(), List.of("admin"));
        TestHttp writer = as(bWriter);

        String slug = Tenants.unique("b-own");
        Changed created = changedWithOneEvent(
                "model.create",
                "model",
                bWriter,
                b,
                201,
                requestId -> writer.send(
                        "POST",
                        "/api/v1/models",
                        jsonHeaders(requestId),
                        Tenants.json(Tenants.leadScorerBody(slug, null))));
        String modelId = created.answer().get("id").asString();
        assertThat(created.objectId()).isEqualTo(modelId);
        assertThat(created.answer().get("visibility").asString())
                .as("private unless asked")
                .isEqualTo("private");
        assertThat(created.answer().get("owner_account_id").asString()).isEqualTo(b.id().toString());

        Changed updated = changedWithOneEvent(
                "model.update",
                "model",
                bWriter,
                b,
                200,
                requestId -> writer.send(
                        "PATCH",
                        "/api/v1/models/" + modelId,
                        jsonHeaders(requestId),
                        Tenants.json(Map.of("description", "B's own scorer.", "visibility", "public"))));
        assertThat(updated.objectId()).isEqualTo(modelId);
        assertThat(updated.changes()).contains("B's own scorer.").contains("public");

        Changed deployed = changedWithOneEvent(
                "deployment.create",
                "deployment",
                bWriter,
                b,
                202,
                requestId -> writer.send(
                        "POST",
                        "/api/v1/models/" + modelId + "/deployments",
                        jsonHeaders(requestId),
                        Tenants.json(Tenants.deploymentBody("1.0.0", lscorUri(), false))));
        String deploymentId = deployed.answer().get("id").asString();
        assertThat(deployed.objectId()).isEqualTo(deploymentId);
        JsonNode loaded = Tenants.awaitDeployment(
                as(bAdmin),
                deploymentId,
                d -> !List.of("pending", "loading")
                        .contains(d.get("load_status").asString()));
        assertThat(loaded.get("load_status").asString()).as(loaded.toString()).isEqualTo("ready");

        Changed activated = changedWithOneEvent(
                "deployment.activate",
                "deployment",
                bWriter,
                b,
                200,
                requestId -> writer.send(
                        "POST",
                        "/api/v1/deployments/" + deploymentId + "/activate",
                        Map.of("X-Request-Id", requestId),
                        null));
        assertThat(activated.objectId()).isEqualTo(deploymentId);

        Changed issued = changedWithOneEvent(
                "api_key.create",
                "api_key",
                bAdmin,
                b,
                201,
                requestId -> as(bAdmin)
                        .send(
                                "POST",
                                "/api/v1/api-keys",
                                jsonHeaders(requestId),
                                Tenants.json(Map.of("name", "B's CRM", "scopes", List.of("predict")))));
        String keyId = issued.answer().get("id").asString();
        assertThat(issued.objectId()).isEqualTo(keyId);
        assertThat(issued.answer().get("account_id").asString()).isEqualTo(b.id().toString());
        assertThat(issued.changes())
                .as("no secret in the trail")
                .doesNotContain(issued.answer().get("key").asString().substring(16));

        Changed revoked = changedWithOneEvent(
                "api_key.revoke",
                "api_key",
                bAdmin,
                b,
                204,
                requestId -> as(bAdmin)
                        .send("DELETE", "/api/v1/api-keys/" + keyId, Map.of("X-Request-Id", requestId), null));
        assertThat(revoked.objectId()).isEqualTo(keyId);
    }

    // ---- the audit trail around each attempt ----

    private void refusedWithoutAnEvent(String what, int status, String code, Supplier<TestHttp.Response> attempt) {
        long before = auditEvents();
        TestHttp.Response response = attempt.get();
        assertThat(response.status()).as("%s -> %s", what, response).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).as(what).isEqualTo(code);
        assertThat(auditEvents())
                .as("audit events after the refused attempt to %s", what)
                .isEqualTo(before);
    }

    /** A change made, as answered and as its audit event records it. */
    private record Changed(JsonNode answer, String objectId, String changes) {}

    /** Makes one change and checks it added exactly one event, of this change, by this key, from this request. */
    private Changed changedWithOneEvent(
            String operation,
            String objectType,
            TestKeys.Key actor,
            Tenants.Account account,
            int status,
            Function<String, TestHttp.Response> change) {
        String requestId = "two-publishers-" + UUID.randomUUID();
        long before = auditEvents();
        TestHttp.Response response = change.apply(requestId);
        assertThat(response.status()).as("%s -> %s", operation, response).isEqualTo(status);
        assertThat(auditEvents()).as("audit events after %s", operation).isEqualTo(before + 1);

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT operation, object_type, object_id, account_id,"
                        + " actor_account_id, actor_key_id, request_id, changes::text AS changes FROM audit_events"
                        + " WHERE request_id = ?",
                requestId);
        assertThat(events).as("the events of request %s", requestId).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event.get("operation")).isEqualTo(operation);
        assertThat(event.get("object_type")).isEqualTo(objectType);
        assertThat(event.get("account_id")).isEqualTo(account.id());
        assertThat(event.get("actor_account_id")).isEqualTo(account.id());
        assertThat(event.get("actor_key_id")).isEqualTo(actor.id());
        JsonNode answer = response.body() == null || response.body().isEmpty() ? null : response.json();
        return new Changed(answer, (String) event.get("object_id"), (String) event.get("changes"));
    }

    private long auditEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class);
    }

    private List<String> model21Rows() {
        List<String> rows = new ArrayList<>();
        rows.add(modelRow(21));
        rows.addAll(jdbc.queryForList(
                "SELECT row_to_json(d)::text FROM deployments d WHERE d.model_id = 21" + " ORDER BY d.id",
                String.class));
        return rows;
    }

    private String modelRow(int id) {
        return jdbc.queryForObject("SELECT row_to_json(m)::text FROM models m WHERE m.id = ?", String.class, id);
    }

    private static Map<String, String> jsonHeaders(String requestId) {
        return Map.of("Content-Type", "application/json", "X-Request-Id", requestId);
    }
}
