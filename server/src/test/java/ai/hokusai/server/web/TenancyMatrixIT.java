package ai.hokusai.server.web;

import static ai.hokusai.server.web.TenancyAnswers.DEPLOYMENT_NOT_FOUND;
import static ai.hokusai.server.web.TenancyAnswers.FORBIDDEN;
import static ai.hokusai.server.web.TenancyAnswers.INSUFFICIENT_SCOPE;
import static ai.hokusai.server.web.TenancyAnswers.MODEL_NOT_FOUND;
import static ai.hokusai.server.web.TenancyAnswers.check;
import static ai.hokusai.server.web.TenancyAnswers.compare;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.web.TenancyAnswers.Answer;
import ai.hokusai.server.web.TenancyAnswers.Call;
import ai.hokusai.server.web.TenancyAnswers.Target;
import ai.hokusai.server.web.TenancyWorld.Snapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the spec that names an object in its path ({@code {modelRef}}, {@code {deploymentId}},
 * {@code {keyId}}, {@code {accountId}}), called with a key of every scope against four objects: one of the caller's
 * account, another account's public one, another account's private one, and one that does not exist. The answers are
 * the documented ones ({@link #DOCUMENTED}); another account's private object answers byte for byte as a missing one;
 * and nothing of the other account changes. The OpenAI-compatible routes, which name an embedding model in the path or
 * the body and refuse in OpenAI's error shape, are {@link OpenAiTenancyIT}'s.
 */
class TenancyMatrixIT extends AccountsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> REFERENCES =
            List.of("{modelRef}", "{model_name}", "{deploymentId}", "{keyId}", "{accountId}");

    /** The version every model of the world is deployed at, for the protocol's {@code /versions/} routes. */
    private static final String VERSION = "1.0.0";

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
            Map.entry(
                    "retireDeployment", row(Answer.problem(409, "deployment_active"), FORBIDDEN, DEPLOYMENT_NOT_FOUND)),
            Map.entry("activateDeployment", row(Answer.ok(200), FORBIDDEN, DEPLOYMENT_NOT_FOUND)),
            Map.entry("revokeApiKey", row(Answer.ok(204), null, Answer.problem(404, "api_key_not_found"))),
            Map.entry("getAccount", row(Answer.ok(200), null, Answer.problem(404, "account_not_found"))),
            Map.entry("getTensorModelMetadata", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("getTensorModelVersionMetadata", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("getTensorModelReady", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("getTensorModelVersionReady", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("inferTensors", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)),
            Map.entry("inferTensorsOfVersion", row(Answer.ok(200), Answer.ok(200), MODEL_NOT_FOUND)));

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
    record Operation(
            String id, String method, String path, String scope, String reference, Map<String, Object> requestBody) {

        @Override
        public String toString() {
            return method + " " + path + " (" + id + ")";
        }
    }

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
        TenancyWorld world = newWorld();
        Snapshot before = Snapshot.of(jdbc, world.other().id());
        List<String> mismatches = new ArrayList<>();
        int calls = 0;

        for (String scope : Tenants.ACCOUNT_SCOPES) {
            TestHttp caller = as(world.callerKeys().get(scope));
            for (Operation operation : operations()) {
                Map<Target, Call> answers = new EnumMap<>(Target.class);
                for (Target target : Target.values()) {
                    String ref = world.reference(operation.reference(), target);
                    if (ref == null) {
                        continue;
                    }
                    Answer expected = holds(scope, operation.scope())
                            ? DOCUMENTED.get(operation.id()).get(target)
                            : INSUFFICIENT_SCOPE;
                    Call call = call(caller, operation, ref);
                    answers.put(target, call);
                    check(mismatches, operation, scope, target, expected, call);
                    calls++;
                }
                compare(
                        mismatches,
                        operation + " [" + scope + "]",
                        answers.get(Target.PRIVATE_OF_ANOTHER),
                        world.reference(operation.reference(), Target.PRIVATE_OF_ANOTHER),
                        answers.get(Target.MISSING),
                        world.reference(operation.reference(), Target.MISSING));
            }
        }

        assertThat(mismatches)
                .as("answers that differ from the documented ones, of %d calls", calls)
                .isEmpty();
        assertThat(Snapshot.of(jdbc, world.other().id()))
                .as("the other account's models, deployments, keys and events")
                .isEqualTo(before);
    }

    @Test
    void aPlatformAdminKeyOfTheOperatorReadsAndChangesEveryAccountsObjects() {
        TenancyWorld world = newWorld();
        TestHttp operator = operator();
        Tenants.Model operatorsOwn = Tenants.createModel(operator, "tenancy-operator", "private");
        String operatorsDeployment = Tenants.deployAndActivate(operator, operatorsOwn, "1.0.0", lscorUri());
        TestKeys.Key operatorsKey = Tenants.issueKey(operator, null, List.of("predict"));
        Map<String, Map<Target, String>> references = new LinkedHashMap<>();
        world.references().forEach((reference, targets) -> references.put(reference, new EnumMap<>(targets)));
        references.get("{modelRef}").put(Target.OWN, operatorsOwn.ref());
        references.get("{model_name}").put(Target.OWN, operatorsOwn.ref());
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
                Answer expected =
                        DOCUMENTED.get(operation.id()).get(target == Target.MISSING ? Target.MISSING : Target.OWN);
                check(mismatches, operation, Tenants.PLATFORM_ADMIN, target, expected, call(operator, operation, ref));
            }
        }

        assertThat(mismatches)
                .as("answers to the operator that differ from the documented ones")
                .isEmpty();
    }

    @Test
    void anotherAccountsPrivateModelAnswersAsAMissingOneInEveryFormOfModelRef() {
        TenancyWorld world = newWorld();
        TestHttp admin = as(world.callerKeys().get("admin"));
        Snapshot before = Snapshot.of(jdbc, world.other().id());
        Map<String, String> hiddenToMissing = Map.of(
                world.otherPrivate().ref(), TenancyWorld.MISSING_MODEL,
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
        assertThat(Snapshot.of(jdbc, world.other().id())).isEqualTo(before);
    }

    private TenancyWorld newWorld() {
        return TenancyWorld.build(operator(), this::as, lscorUri());
    }

    // ---- the spec's operations ----

    /** Every operation whose path names an object, with its method, path, scope and body, read from the spec. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths =
                (Map<String, Object>) new ApiSpecDocument().root().get("paths");
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
                operations.add(new Operation(
                        (String) operation.get("operationId"),
                        method.toUpperCase(),
                        path,
                        (String) operation.get("x-required-scope"),
                        named.get(0),
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
        Map<String, Object> content = (Map<String, Object>)
                ((Map<String, Object>) operation.requestBody().get("content")).get("application/json");
        Map<String, Object> examples = content == null ? null : (Map<String, Object>) content.get("examples");
        assertThat(examples)
                .as("%s has a request body example in the spec to send", operation)
                .isNotEmpty();
        Map<String, Object> first =
                (Map<String, Object>) examples.values().iterator().next();
        Map<String, Object> example;
        if (first.containsKey("$ref")) {
            String ref = (String) first.get("$ref");
            example = Tenants.example(ref.substring(ref.lastIndexOf('/') + 1));
        } else {
            example = (Map<String, Object>)
                    JSON.readValue(JSON.writeValueAsString(first.get("value")), LinkedHashMap.class);
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
        return held.equals(needed)
                || held.equals(Tenants.PLATFORM_ADMIN)
                || (held.equals("admin") && !needed.equals(Tenants.PLATFORM_ADMIN));
    }

    /** Sends the operation about {@code ref}, with its body. */
    private Call call(TestHttp caller, Operation operation, String ref) {
        return TenancyAnswers.call(
                caller,
                operation.method(),
                operation.path().replace(operation.reference(), ref).replace("{model_version}", VERSION),
                body(operation));
    }
}
