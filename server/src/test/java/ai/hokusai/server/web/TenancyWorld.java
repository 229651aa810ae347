package ai.hokusai.server.web;

import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.web.TenancyAnswers.Target;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two accounts made over the API by the operator: the caller's, with one key per scope, a private model serving from
 * an active deployment and a spare key; and another, with a public and a private model, each serving, and a key.
 * {@link #references()} names, per path parameter of the spec, the object each {@link Target} is.
 */
record TenancyWorld(
        Tenants.Account caller,
        Tenants.Account other,
        Map<String, TestKeys.Key> callerKeys,
        Tenants.Model otherPrivate,
        String otherPrivateDeployment,
        Map<String, Map<Target, String>> references) {

    /** A model number no model has. */
    static final String MISSING_MODEL = "987654321";

    /** A slug no model has. */
    static final String MISSING_SLUG = "no-such-model";

    /**
     * @param as          a client for the server with a given key
     * @param artifactUri the {@code file://} artifact the models are deployed from
     */
    static TenancyWorld build(TestHttp operator, Function<TestKeys.Key, TestHttp> as, String artifactUri) {
        Tenants.Account caller = Tenants.createAccount(operator, "tenancy-caller", null);
        Tenants.Account other = Tenants.createAccount(operator, "tenancy-other", null);
        Map<String, TestKeys.Key> callerKeys = new LinkedHashMap<>();
        for (String scope : Tenants.ACCOUNT_SCOPES) {
            callerKeys.put(scope, Tenants.issueKey(operator, caller.id(), List.of(scope)));
        }
        TestHttp callerPublisher = as.apply(callerKeys.get("admin"));
        Tenants.Model own = Tenants.createModel(callerPublisher, "tenancy-own", "private");
        String ownDeployment = Tenants.deployAndActivate(callerPublisher, own, "1.0.0", artifactUri);
        TestKeys.Key ownKey = Tenants.issueKey(operator, caller.id(), List.of("predict"));

        TestHttp otherPublisher = as.apply(Tenants.issueKey(operator, other.id(), List.of("admin")));
        Tenants.Model otherPublic = Tenants.createModel(otherPublisher, "tenancy-public", "public");
        String otherPublicDeployment = Tenants.deployAndActivate(otherPublisher, otherPublic, "1.0.0", artifactUri);
        Tenants.Model otherPrivate = Tenants.createModel(otherPublisher, "tenancy-private", "private");
        String otherPrivateDeployment = Tenants.deployAndActivate(otherPublisher, otherPrivate, "1.0.0", artifactUri);
        TestKeys.Key otherKey = Tenants.issueKey(operator, other.id(), List.of("predict"));

        Map<String, Map<Target, String>> references = new LinkedHashMap<>();
        references.put("{modelRef}", targets(own.ref(), otherPublic.ref(), otherPrivate.ref(), MISSING_MODEL));
        references.put("{model_name}", targets(own.slug(), otherPublic.slug(), otherPrivate.slug(), MISSING_SLUG));
        references.put(
                "{deploymentId}",
                targets(
                        ownDeployment,
                        otherPublicDeployment,
                        otherPrivateDeployment,
                        UUID.randomUUID().toString()));
        references.put(
                "{keyId}",
                targets(
                        ownKey.id().toString(),
                        null,
                        otherKey.id().toString(),
                        UUID.randomUUID().toString()));
        references.put(
                "{accountId}",
                targets(
                        caller.id().toString(),
                        null,
                        other.id().toString(),
                        UUID.randomUUID().toString()));
        return new TenancyWorld(caller, other, callerKeys, otherPrivate, otherPrivateDeployment, references);
    }

    /** The object {@code target} is for a path parameter, e.g. {@code {modelRef}}; null when it has none. */
    String reference(String parameter, Target target) {
        return references.get(parameter).get(target);
    }

    private static Map<Target, String> targets(
            String own, String publicOfAnother, String privateOfAnother, String missing) {
        Map<Target, String> targets = new EnumMap<>(Target.class);
        targets.put(Target.OWN, own);
        if (publicOfAnother != null) {
            targets.put(Target.PUBLIC_OF_ANOTHER, publicOfAnother);
        }
        targets.put(Target.PRIVATE_OF_ANOTHER, privateOfAnother);
        targets.put(Target.MISSING, missing);
        return targets;
    }

    /** An account's models, its models' deployments and its keys as stored, and how many events are about it. */
    record Snapshot(List<String> models, List<String> deployments, List<String> keys, long auditEvents) {

        static Snapshot of(JdbcTemplate jdbc, UUID account) {
            return new Snapshot(
                    jdbc.queryForList(
                            "SELECT row_to_json(m)::text FROM models m WHERE m.account_id = ?" + " ORDER BY m.id",
                            String.class,
                            account),
                    jdbc.queryForList(
                            "SELECT row_to_json(d)::text FROM deployments d"
                                    + " JOIN models m ON m.id = d.model_id WHERE m.account_id = ? ORDER BY d.id",
                            String.class,
                            account),
                    keys(jdbc, account),
                    jdbc.queryForObject("SELECT count(*) FROM audit_events WHERE account_id = ?", Long.class, account));
        }

        /** The account's keys as stored, but for last_used_at: their own bookkeeping, not a change to them. */
        static List<String> keys(JdbcTemplate jdbc, UUID account) {
            return jdbc.queryForList(
                    "SELECT (to_jsonb(k) - 'last_used_at')::text FROM api_keys k"
                            + " WHERE k.account_id = ? ORDER BY k.id",
                    String.class,
                    account);
        }
    }
}
