package ai.hokusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts, their keys, models and deployments, made over the API as the operator and publishers make them. Bodies
 * start from the spec's own examples ({@code components.examples}), so a test sends what the reference shows.
 */
public final class Tenants {

    /** The platform operator's account, fixed by migration V5. */
    public static final UUID OPERATOR_ACCOUNT = UUID.fromString("0f6b1c3e-9a2d-4e7f-8b5c-000000000001");

    public static final String PLATFORM_ADMIN = "platform:admin";
    /** Every scope a key of an account other than the operator's can hold. */
    public static final List<String> ACCOUNT_SCOPES = List.of("predict", "models:read", "models:write", "admin");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ApiSpecDocument SPEC = new ApiSpecDocument();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    /** An account as created. */
    public record Account(UUID id, String slug) {}

    /** A registered model: its public number and its slug. */
    public record Model(int id, String slug) {

        /** The model number, the first of the three forms of {@code modelRef}. */
        public String ref() {
            return String.valueOf(id);
        }
    }

    private Tenants() {}

    /** {@code base} followed by a random suffix: a slug no other test of the run takes. */
    public static String unique(String base) {
        StringBuilder slug = new StringBuilder(base).append('-');
        for (int i = 0; i < 10; i++) {
            slug.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return slug.toString();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A fresh, modifiable copy of {@code components.examples.<name>.value}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> example(String name) {
        Object value = SPEC.resolve("#/components/examples/" + name).get("value");
        return JSON.readValue(JSON.writeValueAsString(value), LinkedHashMap.class);
    }

    /** A spec schema component as a JSON Schema (draft 2020-12) document, as the registry seeds model 21's. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> schema(String component) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(JSON.readValue(
                JSON.writeValueAsString(SPEC.resolve("#/components/schemas/" + component)), LinkedHashMap.class));
        return schema;
    }

    /** {@code POST /api/v1/accounts} (platform:admin); {@code ratePerHour} null for no account-wide limit. */
    public static Account createAccount(TestHttp operator, String slugBase, Integer ratePerHour) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", unique(slugBase));
        body.put("name", "Account " + slugBase);
        if (ratePerHour != null) {
            body.put("rate_limit_per_hour", ratePerHour);
        }
        TestHttp.Response created = operator.postJson("/api/v1/accounts", json(body));
        assertThat(created.status()).as("POST /api/v1/accounts -> %s", created).isEqualTo(201);
        return new Account(
                UUID.fromString(created.json().get("id").asString()),
                created.json().get("slug").asString());
    }

    /**
     * {@code POST /api/v1/api-keys}: a key of {@code accountId} (only a platform:admin issuer may name one), or of
     * the issuer's own account when null.
     */
    public static TestKeys.Key issueKey(TestHttp issuer, UUID accountId, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "key " + String.join(" ", scopes));
        body.put("scopes", scopes);
        body.put("mode", "test");
        if (accountId != null) {
            body.put("account_id", accountId.toString());
        }
        TestHttp.Response created = issuer.postJson("/api/v1/api-keys", json(body));
        assertThat(created.status()).as("POST /api/v1/api-keys -> %s", created).isEqualTo(201);
        if (accountId != null) {
            assertThat(created.json().get("account_id").asString()).isEqualTo(accountId.toString());
        }
        return new TestKeys.Key(
                UUID.fromString(created.json().get("id").asString()),
                created.json().get("key").asString());
    }

    /**
     * The spec's {@code ModelCreateEmbedding} example made a lead scorer: model 21's input and output schemas (the
     * spec's {@code LeadScoringInput} and {@code LeadScore}), so the bundled lscor artifact can serve it.
     */
    public static Map<String, Object> leadScorerBody(String slug, String visibility) {
        Map<String, Object> body = example("ModelCreateEmbedding");
        body.put("slug", slug);
        body.put("name", "Lead scorer " + slug);
        body.put("description", "Scores sales leads with model 21's artifact.");
        body.put("task", "tabular-classification");
        body.put("input_schema", schema("LeadScoringInput"));
        body.put("output_schema", schema("LeadScore"));
        if (visibility != null) {
            body.put("visibility", visibility);
        }
        return body;
    }

    /** Registers a lead scorer as the publisher behind {@code publisher}'s key. */
    public static Model createModel(TestHttp publisher, String slugBase, String visibility) {
        TestHttp.Response created =
                publisher.postJson("/api/v1/models", json(leadScorerBody(unique(slugBase), visibility)));
        assertThat(created.status()).as("POST /api/v1/models -> %s", created).isEqualTo(201);
        return new Model(
                created.json().get("id").asInt(), created.json().get("slug").asString());
    }

    /** The spec's {@code DeploymentCreateFromHub} example, made a deployment of the lscor artifact at {@code uri}. */
    public static Map<String, Object> deploymentBody(String version, String artifactUri, boolean activate) {
        Map<String, Object> body = example("DeploymentCreateFromHub");
        body.put("version", version);
        body.put("runtime", "lscor-logistic");
        body.put("artifact_uri", artifactUri);
        body.put("activate", activate);
        return body;
    }

    public static TestHttp.Response deploy(
            TestHttp publisher, String modelRef, String version, String artifactUri, boolean activate) {
        return publisher.postJson(
                "/api/v1/models/" + modelRef + "/deployments", json(deploymentBody(version, artifactUri, activate)));
    }

    /** Deploys the lscor artifact, waits until it is loaded and activates it: the model then serves. */
    public static String deployAndActivate(TestHttp publisher, Model model, String version, String artifactUri) {
        return deployAndActivate(publisher, model, version, "lscor-logistic", artifactUri);
    }

    /** Deploys the artifact on {@code runtime}, waits until it is loaded and activates it: the model then serves. */
    public static String deployAndActivate(
            TestHttp publisher, Model model, String version, String runtime, String artifactUri) {
        Map<String, Object> body = deploymentBody(version, artifactUri, false);
        body.put("runtime", runtime);
        TestHttp.Response accepted = publisher.postJson("/api/v1/models/" + model.ref() + "/deployments", json(body));
        assertThat(accepted.status()).as("deploy %s -> %s", model, accepted).isEqualTo(202);
        String id = accepted.json().get("id").asString();
        JsonNode loaded = awaitDeployment(
                publisher,
                id,
                d -> !"pending".equals(d.get("load_status").asString())
                        && !"loading".equals(d.get("load_status").asString()));
        assertThat(loaded.get("load_status").asString())
                .as("deployment %s: %s", id, loaded)
                .isEqualTo("ready");
        TestHttp.Response activated = publisher.send("POST", "/api/v1/deployments/" + id + "/activate", Map.of(), null);
        assertThat(activated.status()).as("activate %s -> %s", id, activated).isEqualTo(200);
        return id;
    }

    public static JsonNode awaitDeployment(TestHttp reader, String deploymentId, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (true) {
            TestHttp.Response response = reader.get("/api/v1/deployments/" + deploymentId);
            assertThat(response.status())
                    .as("GET deployment %s -> %s", deploymentId, response)
                    .isEqualTo(200);
            JsonNode deployment = response.json();
            if (done.test(deployment) || System.nanoTime() > deadline) {
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
