package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.config.ApiSpecDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the spec that names an object in its path ({@code {modelRef}}, {@code {deploymentId}},
 * {@code {keyId}}, {@code {accountId}}), called with a key of every scope against four objects: one of the caller's
 * account, another account's public one, another account's private one, and one that does not exist. The answers are
 * the documented ones ({@link #DOCUMENTED}); another account's private object answers byte for byte as a missing one;
 * and nothing of the other account changes.
 */
class TenancyMatrixIT extends AccountsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> REFERENCES = List.of("{modelRef}", "{deploymentId}", "{keyId}", "{accountId}");
    private static final String MISSING_MODEL = "987654321";

    enum Target { OWN, PUBLIC_OF_ANOTHER, PRIVATE_OF_ANOTHER, MISSING }

    /** A documented answer: its status, and its problem code when it is an error. */
    record Answer(int status, String code) {

        static Answer ok(int status) {
            return new Answer(status, null);
        }

        static Answer problem(int status, String code) {
            return new Answer(status, code);
        }

        @Override
        public String toString() {
            return code == null ? String.valueOf(status) : status + " " + code;
        }
    }

    private static final Answer INSUFFICIENT_SCOPE = Answer.problem(403, "insufficient_scope");
    private static final Answer FORBIDDEN = Answer.problem(403, "forbidden");
    private static final Answer MODEL_NOT_FOUND = Answer.problem(404, "model_not_found");
    private static final Answer DEPLOYMENT_NOT_FOUND = Answer.problem(404, "deployment_not_found");

    /**
     * What a key holding the operation's scope gets, per target (design-accounts.md, and each operation's description
     * in the spec). Another account's public model may be read and called; changing it, deploying it or reading its
     * usage is {@code 403 forbidden}. Another account's private object answers as a missing one. The caller's own
     * deployment target is its model's active deployment: retiring it is {@code 409 deployment_active}, activating it
     * changes nothing. Keys and accounts are never public, so they have no public target. {@code getAccount} needs
     * {@code platform:admin}, which only the operator's keys hold: they see every account.
     */
    private static final Map<String, Map<Target, Answer>> DOCUMENTED = Map.ofEntries(
            Map.entry("getModel", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("updateModel", row(Answer.ok(200), FORBIDDEN, MODEL_NOT_FOUND)),
            Map.entry("getModelInfo", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("getModelHealth", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("predict", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("getModelUsage", row(Answer.ok(200), FORBIDDEN, MODEL_NOT_FOUND)),
            Map.entry("listModelDeployments", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("createDeployment", row(Answer.ok(202), FORBIDDEN, MODEL_NOT_FOUND)),
            Map.entry("getDeployment", row(Answer.ok(200), Answer.ok(200), DEPLOYMENT_NOT_FOUND)),
            Map.entry("retireDeployment", row(Answer.problem(409, "deployment_active"), FORBIDDEN,
                    DEPLOYMENT_NOT_FOUND)),
            Map.entry("activateDeployment", row(Answer.ok(200), FORBIDDEN, DEPLOYMENT_NOT_FOUND)),
            Map.entry("revokeApiKey", row(Answer.ok(204), null, Answer.problem(404, "api_key_not_found"))),
            Map.entry("getAccount", row(Answer.ok(200), null, Answer.problem(404, "account_not_found"))));

    private static Map<Target, Answer> row(Answer own, Answer publicOfAnother, Answer hidden) {
        Map<Target, Answer> row = new EnumMap<>(Target.class);
        row.put(Target.OWN, own);
        if (publicOfAnother != null) {
            row.put(Target.PUBLIC_OF_ANOTHER, publicOfAnother);
        }
        row.put(Target.PRIVATE_OF_ANOTHER, hidden);
        row.put(Target.MISSING, hidden);
        return row;
    }

    /** One operation of the spec, as the spec states it. */
    record Operation(String id, String method, String path, String scope, String reference,
            Map<String, Object> requestBody) {

        @Override
        public String toString() {
            return method + " " + path + " (" + id + ")";
        }
    }

    /** The objects each reference names, per target; null where the reference has no such target. */
    record World(Tenants.Account caller, Tenants.Account other, Map<String, TestKeys.Key> callerKeys,
            Tenants.Model otherPrivate, String otherPrivateDeployment, Map<String, Map<Target, String>> references) {
    }

    /** One call and its answer. */
    record Call(String path, String requestId, TestHttp.Response response) {
    }

    private static World shared;
    private final AtomicInteger versions = new AtomicInteger();

    @Test
    void everyOperationOfTheSpecThatNamesAnObjectHasADocumentedRow() {
        List<Operation> operations = operations();

        assertThat(operations).extracting(Operation::id).containsExactlyInAnyOrderElementsOf(DOCUMENTED.keySet());
        List<String> scopes = new ArrayList<>(Tenants.ACCOUNT_SCOPES);
        scopes.add(Tenants.PLATFORM_ADMIN);
        for (Operation operation : operations) {
            assertThat(scopes).as("the scope of %s", operation).contains(operation.scope());
        }
    }

    @Test
    void everyScopeGetsTheDocumentedAnswerOnEveryTargetAndAnotherAccountsObjectsStayAsTheyWere() {
        World world = sharedWorld();
        Snapshot before = snapshot(world.other().id());
        List<String> mismatches = new ArrayList<>();

        for (String scope : Tenants.ACCOUNT_SCOPES) {
            TestHttp caller = as(world.callerKeys().get(scope));
            for (Operation operation : operations()) {
                Map<Target, Call> calls = new EnumMap<>(Target.class);
                for (Target target : Target.values()) {
                    String ref = world.references().get(operation.reference()).get(target);
                    if (ref == null) {
                        continue;
                    }
                    Answer expected = holds(scope, operation.scope()) ? DOCUMENTED.get(operation.id()).get(target)
                            : INSUFFICIENT_SCOPE;
                    Call call = call(caller, operation, ref);
                    calls.put(target, call);
                    check(mismatches, operation, scope, target, expected, call);
                }
                compareHidden(mismatches, operation, scope, world, calls);
            }
        }

        assertThat(mismatches).as("answers that differ from the documented ones").isEmpty();
        assertThat(snapshot(world.other().id())).as("the other account's models, deployments, keys and events")
                .isEqualTo(before);
    }

    @Test
    void aPlatformAdminKeyOfTheOperatorReadsAndChangesEveryAccountsObjects() {
        World world = newWorld();
        TestHttp operator = operator();
        Tenants.Model operatorsOwn = Tenants.createModel(operator, "tenancy-operator", "private");
        String operatorsDeployment = Tenants.deployAndActivate(operator, operatorsOwn, "1.0.0", lscorUri());
        TestKeys.Key operatorsKey = Tenants.issueKey(operator, null, List.of("predict"));
        Map<String, Map<Target, String>> references = new LinkedHashMap<>();
        world.references().forEach((reference, targets) -> references.put(reference, new EnumMap<>(targets)));
        references.get("{modelRef}").put(Target.OWN, operatorsOwn.ref());
        references.get("{deploymentId}").put(Target.OWN, operatorsDeployment);
        references.get("{keyId}").put(Target.OWN, operatorsKey.id().toString());
        references.get("{accountId}").put(Target.OWN, Tenants.OPERATOR_ACCOUNT.toString());
        List<String> mismatches = new ArrayList<>();

        for (Operation operation : operations()) {
            for (Target target : Target.values()) {
                String ref = references.get(operation.reference()).get(target);
                if (ref == null) {
                    continue;
                }
                Answer expected = DOCUMENTED.get(operation.id()).get(target == Target.MISSING ? Target.MISSING
                        : Target.OWN);
                check(mismatches, operation, Tenants.PLATFORM_ADMIN, target, expected,
                        call(operator, operation, ref));
            }
        }

        assertThat(mismatches).as("answers to the operator that differ from the documented ones").isEmpty();
    }

    @Test
    void anotherAccountsPrivateModelAnswersAsAMissingOneInEveryFormOfModelRef() {
        World world = sharedWorld();
        TestHttp admin = as(world.callerKeys().get("admin"));
        Snapshot before = snapshot(world.other().id());
        Map<String, String> hiddenToMissing = Map.of(
                world.otherPrivate().ref(), MISSING_MODEL,
                world.otherPrivate().slug(), Tenants.unique("missing"),
                world.otherPrivateDeployment(), UUID.randomUUID().toString());
        List<String> mismatches = new ArrayList<>();

        for (Operation operation : operations()) {
            if (!operation.reference().equals("{modelRef}")) {
                continue;
            }
            hiddenToMissing.forEach((hidden, missing) -> {
                Call hiddenCall = call(admin, operation, hidden);
                Call missingCall = call(admin, operation, missing);
                check(mismatches, operation, "admin", Target.PRIVATE_OF_ANOTHER, MODEL_NOT_FOUND, hiddenCall);
                compare(mismatches, operation + " [admin] as " + hidden, hiddenCall, hidden, missingCall, missing);
            });
        }

        assertThat(mismatches).isEmpty();
        assertThat(snapshot(world.other().id())).isEqualTo(before);
    }

    @Test
    void theModelListHoldsTheCallersModelsAndEveryPublicOneAndNoOtherAccountsPrivateOne() {
        World world = sharedWorld();
        TestHttp reader = as(world.callerKeys().get("models:read"));
        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHttp.Response page = reader.get("/api/v1/models?limit=100" + (cursor == null ? "" : "&cursor="
                    + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").valueStream().forEach(listed::add);
            cursor = page.json().get("has_more").asBoolean() ? page.json().get("next_cursor").asString() : null;
        } while (cursor != null && ++pages < 100);

        Map<String, Map<Target, String>> refs = world.references();
        assertThat(listed).extracting(m -> m.get("id").asString()).contains("21",
                refs.get("{modelRef}").get(Target.OWN), refs.get("{modelRef}").get(Target.PUBLIC_OF_ANOTHER))
                .doesNotContain(refs.get("{modelRef}").get(Target.PRIVATE_OF_ANOTHER));
        assertThat(listed).allSatisfy(m -> assertThat(m.get("visibility").asString().equals("public")
                || m.get("owner_account_id").asString().equals(world.caller().id().toString()))
                .as("model %s is the caller's or public", m.get("id")).isTrue());
    }

    @Test
    void anotherAccountsKeysAreNeitherListedNorCountedAndAnswerAsUnknownOnes() {
        World world = sharedWorld();
        TestHttp admin = as(world.callerKeys().get("admin"));
        TestHttp predictor = as(world.callerKeys().get("predict"));
        String othersKey = world.references().get("{keyId}").get(Target.PRIVATE_OF_ANOTHER);

        JsonNode keys = admin.get("/api/v1/api-keys").json().get("data");
        assertThat(keys).extracting(k -> k.get("account_id").asString()).containsOnly(world.caller().id().toString());
        assertThat(keys).extracting(k -> k.get("id").asString()).doesNotContain(othersKey);

        String unknown = UUID.randomUUID().toString();
        Call hidden = call(admin, "GET", "/api/v1/usage?key_id=" + othersKey);
        Call missing = call(admin, "GET", "/api/v1/usage?key_id=" + unknown);
        List<String> mismatches = new ArrayList<>();
        check(mismatches, "GET /api/v1/usage?key_id", "admin", Target.PRIVATE_OF_ANOTHER,
                Answer.problem(404, "api_key_not_found"), hidden);
        compare(mismatches, "GET /api/v1/usage?key_id [admin]", hidden, othersKey, missing, unknown);

        String sibling = world.callerKeys().get("models:read").id().toString();
        check(mismatches, "GET /api/v1/usage?key_id", "predict", Target.OWN, FORBIDDEN,
                call(predictor, "GET", "/api/v1/usage?key_id=" + sibling));
        check(mismatches, "GET /api/v1/usage?scope=account", "predict", Target.OWN, FORBIDDEN,
                call(predictor, "GET", "/api/v1/usage?scope=account"));
        Call account = call(admin, "GET", "/api/v1/usage?scope=account");
        check(mismatches, "GET /api/v1/usage?scope=account", "admin", Target.OWN, Answer.ok(200), account);
        assertThat(mismatches).isEmpty();
        assertThat(account.response().json().get("account_id").asString()).isEqualTo(world.caller().id().toString());
        assertThat(account.response().json().has("key_id")).as("UsageReport requires key_id, null for scope=account")
                .isTrue();
        assertThat(account.response().json().get("key_id").isNull()).isTrue();
    }

    // ---- the world: two accounts and their objects, made over the API ----

    private synchronized World sharedWorld() {
        if (shared == null) {
            shared = newWorld();
        }
        return shared;
    }

    private World newWorld() {
        TestHttp operator = operator();
        Tenants.Account caller = Tenants.createAccount(operator, "tenancy-caller", null);
        Tenants.Account other = Tenants.createAccount(operator, "tenancy-other", null);
        Map<String, TestKeys.Key> callerKeys = new LinkedHashMap<>();
        for (String scope : Tenants.ACCOUNT_SCOPES) {
            callerKeys.put(scope, Tenants.issueKey(operator, caller.id(), List.of(scope)));
        }
        TestHttp callerPublisher = as(callerKeys.get("admin"));
        Tenants.Model own = Tenants.createModel(callerPublisher, "tenancy-own", "private");
        String ownDeployment = Tenants.deployAndActivate(callerPublisher, own, "1.0.0", lscorUri());
        TestKeys.Key ownKey = Tenants.issueKey(operator, caller.id(), List.of("predict"));

        TestHttp otherPublisher = as(Tenants.issueKey(operator, other.id(), List.of("admin")));
        Tenants.Model otherPublic = Tenants.createModel(otherPublisher, "tenancy-public", "public");
        String otherPublicDeployment = Tenants.deployAndActivate(otherPublisher, otherPublic, "1.0.0", lscorUri());
        Tenants.Model otherPrivate = Tenants.createModel(otherPublisher, "tenancy-private", "private");
        String otherPrivateDeployment = Tenants.deployAndActivate(otherPublisher, otherPrivate, "1.0.0", lscorUri());
        TestKeys.Key otherKey = Tenants.issueKey(operator, other.id(), List.of("predict"));

        Map<String, Map<Target, String>> references = new LinkedHashMap<>();
        references.put("{modelRef}", targets(own.ref(), otherPublic.ref(), otherPrivate.ref(), MISSING_MODEL));
        references.put("{deploymentId}", targets(ownDeployment, otherPublicDeployment, otherPrivateDeployment,
                UUID.randomUUID().toString()));
        references.put("{keyId}", targets(ownKey.id().toString(), null, otherKey.id().toString(),
                UUID.randomUUID().toString()));
        references.put("{accountId}", targets(caller.id().toString(), null, other.id().toString(),
                UUID.randomUUID().toString()));
        return new World(caller, other, callerKeys, otherPrivate, otherPrivateDeployment, references);
    }

    private static Map<Target, String> targets(String own, String publicOfAnother, String privateOfAnother,
            String missing) {
        Map<Target, String> targets = new EnumMap<>(Target.class);
        targets.put(Target.OWN, own);
        if (publicOfAnother != null) {
            targets.put(Target.PUBLIC_OF_ANOTHER, publicOfAnother);
        }
        targets.put(Target.PRIVATE_OF_ANOTHER, privateOfAnother);
        targets.put(Target.MISSING, missing);
        return targets;
    }

    // ---- the spec's operations ----

    /** Every operation whose path names an object, with its method, path, scope and body, read from the spec. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) new ApiSpecDocument().root().get("paths");
        paths.forEach((path, item) -> {
            List<String> named = REFERENCES.stream().filter(path::contains).toList();
            if (named.isEmpty()) {
                return;
            }
            assertThat(named).as("%s names one object", path).hasSize(1);
            ((Map<String, Object>) item).forEach((method, value) -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    return;
                }
                Map<String, Object> operation = (Map<String, Object>) value;
                operations.add(new Operation((String) operation.get("operationId"), method.toUpperCase(), path,
                        (String) operation.get("x-required-scope"), named.get(0),
                        (Map<String, Object>) operation.get("requestBody")));
            });
        });
        return operations;
    }

    /**
     * The operation's request body: its first example in the spec; a deployment's made one of the lscor artifact
     * under the artifact root (the example's Hub repository is not reachable from a test), at a version not taken.
     */
    @SuppressWarnings("unchecked")
    private String body(Operation operation) {
        if (operation.requestBody() == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) operation.requestBody()
                .get("content")).get("application/json");
        Map<String, Object> examples = content == null ? null : (Map<String, Object>) content.get("examples");
        assertThat(examples).as("%s has a request body example in the spec to send", operation).isNotEmpty();
        Map<String, Object> first = (Map<String, Object>) examples.values().iterator().next();
        Map<String, Object> example;
        if (first.containsKey("$ref")) {
            String ref = (String) first.get("$ref");
            example = Tenants.example(ref.substring(ref.lastIndexOf('/') + 1));
        } else {
            example = (Map<String, Object>) JSON.readValue(JSON.writeValueAsString(first.get("value")),
                    LinkedHashMap.class);
        }
        if (operation.id().equals("createDeployment")) {
            example.put("version", "9.0." + versions.incrementAndGet());
            example.put("runtime", "lscor-logistic");
            example.put("artifact_uri", lscorUri());
            example.put("activate", false);
        }
        return JSON.writeValueAsString(example);
    }

    /** Whether a key of {@code held} may call an operation needing {@code needed}. */
    private static boolean holds(String held, String needed) {
        return held.equals(needed) || held.equals(Tenants.PLATFORM_ADMIN)
                || (held.equals("admin") && !needed.equals(Tenants.PLATFORM_ADMIN));
    }

    // ---- calls and what they answered ----

    private Call call(TestHttp caller, Operation operation, String ref) {
        String path = operation.path().replace(operation.reference(), ref);
        String body = body(operation);
        String requestId = "tenancy-" + UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new Call(path, requestId, caller.send(operation.method(), path, headers, body));
    }

    private static Call call(TestHttp caller, String method, String path) {
        String requestId = "tenancy-" + UUID.randomUUID();
        return new Call(path, requestId, caller.send(method, path, Map.of("X-Request-Id", requestId), null));
    }

    private static void check(List<String> mismatches, Object operation, String scope, Target target,
            Answer expected, Call call) {
        TestHttp.Response response = call.response();
        String contentType = String.valueOf(response.header("Content-Type"));
        String code = contentType.startsWith("application/problem+json") ? problemCode(response) : null;
        boolean matches = response.status() == expected.status()
                && (expected.code() == null || expected.code().equals(code));
        if (!matches) {
            mismatches.add(String.format("%s with a %s key on %s %s: expected %s, got %d %s", operation, scope,
                    target, call.path(), expected, response.status(), abbreviated(response.body())));
        }
    }

    /** Another account's private object must answer exactly as a missing one, to every key. */
    private static void compareHidden(List<String> mismatches, Operation operation, String scope, World world,
            Map<Target, Call> calls) {
        Call hidden = calls.get(Target.PRIVATE_OF_ANOTHER);
        Call missing = calls.get(Target.MISSING);
        compare(mismatches, operation + " [" + scope + "]", hidden,
                world.references().get(operation.reference()).get(Target.PRIVATE_OF_ANOTHER), missing,
                world.references().get(operation.reference()).get(Target.MISSING));
    }

    private static void compare(List<String> mismatches, String what, Call hidden, String hiddenRef, Call missing,
            String missingRef) {
        String hiddenAnswer = hidden.response().status() + " " + hidden.response().header("Content-Type") + " "
                + normalised(hidden, hiddenRef);
        String missingAnswer = missing.response().status() + " " + missing.response().header("Content-Type") + " "
                + normalised(missing, missingRef);
        if (!hiddenAnswer.equals(missingAnswer)) {
            mismatches.add(String.format("%s: another account's private object answered%n    %s%n  a missing one%n"
                    + "    %s", what, hiddenAnswer, missingAnswer));
        }
    }

    /** The body as answered, with the request id, the called path and the echoed reference put in placeholders. */
    static String normalised(Call call, String ref) {
        String body = call.response().body() == null ? "" : call.response().body();
        body = body.replace(call.requestId(), "{request_id}").replace(call.path(), "{instance}");
        int query = call.path().indexOf('?');
        if (query > 0) {
            body = body.replace(call.path().substring(0, query), "{instance}");
        }
        return Pattern.compile("(?<![0-9A-Za-z-])" + Pattern.quote(ref) + "(?![0-9A-Za-z-])").matcher(body)
                .replaceAll(Matcher.quoteReplacement("{ref}"));
    }

    private static String problemCode(TestHttp.Response response) {
        try {
            JsonNode code = response.json().get("code");
            return code == null ? null : code.asString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String abbreviated(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    // ---- what the database holds of an account ----

    /** An account's models, its models' deployments and its keys as stored, and how many events are about it. */
    record Snapshot(List<String> models, List<String> deployments, List<String> keys, long auditEvents) {
    }

    private Snapshot snapshot(UUID account) {
        return new Snapshot(
                jdbc.queryForList("SELECT row_to_json(m)::text FROM models m WHERE m.account_id = ? ORDER BY m.id",
                        String.class, account),
                jdbc.queryForList("SELECT row_to_json(d)::text FROM deployments d JOIN models m ON m.id = d.model_id"
                        + " WHERE m.account_id = ? ORDER BY d.id", String.class, account),
                // last_used_at is the keys' own bookkeeping, flushed in the background, not a change to them.
                jdbc.queryForList("SELECT (to_jsonb(k) - 'last_used_at')::text FROM api_keys k"
                        + " WHERE k.account_id = ? ORDER BY k.id", String.class, account),
                jdbc.queryForObject("SELECT count(*) FROM audit_events WHERE account_id = ?", Long.class, account));
    }
}
