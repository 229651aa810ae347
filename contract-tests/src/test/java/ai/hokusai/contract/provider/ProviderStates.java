package ai.hokusai.contract.provider;

import static ai.hokusai.contract.consumer.Contract.BROKEN_EMBEDDING_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.BROKEN_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.CALLER_PRIVATE_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.EMBEDDING_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.FAILED_DEPLOYMENT;
import static ai.hokusai.contract.consumer.Contract.OTHER_ACCOUNT_ID;
import static ai.hokusai.contract.consumer.Contract.OTHER_PRIVATE_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.OTHER_PUBLIC_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_ACCOUNT;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_DEPLOYMENT;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY_ID;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_PREDICTION;
import static ai.hokusai.contract.consumer.Contract.USED_IDEMPOTENCY_KEY;

import ai.hokusai.contract.consumer.Contract;
import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.contract.embedding.MiniLm;
import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.persistence.AccountMapper;
import ai.hokusai.server.persistence.AccountRecord;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.security.RateLimiter;
import ai.hokusai.server.service.IdempotencyService;
import ai.hokusai.server.service.MeteredPredictionService;
import ai.hokusai.server.service.ModelRegistration;
import ai.hokusai.testsupport.ExampleInputs;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Puts the real server into each provider state the consumer pacts name, through the server's own beans: keys are
 * issued by {@link ApiKeyService}, models and deployments written by the registry's mappers, the database stopped
 * and started for real. Nothing of the server is mocked, so a verified interaction is one the server really answers.
 * Every handler is idempotent: the verifier sets a state up again for each interaction that names it.
 */
public class ProviderStates {

    /** The other account of the ownership states; a fixed id, so the pacts can name it. */
    private static final AccountRecord OTHER_ACCOUNT =
            new AccountRecord(UUID.fromString(OTHER_ACCOUNT_ID), "contract-partner", "Contract partner", null, null);

    private static final String ANY_OBJECT = "{\"type\": \"object\"}";

    private final ApiKeyService keys;
    private final AccountMapper accounts;
    private final ModelMapper models;
    private final ModelRegistration registration;
    private final DeploymentMapper deployments;
    private final ModelRegistry registry;
    private final RateLimiter rateLimiter;
    private final MeteredPredictionService predictions;
    private final InferenceLogMapper inferenceLogs;
    private final IdempotencyService idempotency;
    private final DataSource dataSource;
    private final Path pgData;
    private EmbeddedPostgres postgres;
    /** The key the current interaction's caller holds; the states that act as the caller run after its key state. */
    private ApiKeyService.IssuedKey caller;

    public ProviderStates(
            ApiKeyService keys,
            AccountMapper accounts,
            ModelMapper models,
            ModelRegistration registration,
            DeploymentMapper deployments,
            ModelRegistry registry,
            RateLimiter rateLimiter,
            MeteredPredictionService predictions,
            InferenceLogMapper inferenceLogs,
            IdempotencyService idempotency,
            HokusaiProperties properties,
            EmbeddedPostgres postgres,
            DataSource dataSource) {
        this.keys = keys;
        this.accounts = accounts;
        this.models = models;
        this.registration = registration;
        this.deployments = deployments;
        this.registry = registry;
        this.rateLimiter = rateLimiter;
        this.predictions = predictions;
        this.inferenceLogs = inferenceLogs;
        this.idempotency = idempotency;
        this.pgData = properties.dataDir().resolve("pgdata");
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    /**
     * A fresh key of the operator's account with exactly the scopes the interaction needs, injected into its
     * Authorization header; {@code callerKeyId} names it. Without {@code platform:admin} such a key acts within its
     * own account like any other account's key: model 21 is its account's, another account's models are not.
     */
    @State({States.KEY_MODELS_READ, States.KEY_PREDICT, States.KEY_ADMIN})
    public Map<String, Object> callerHoldsKey(Map<String, Object> params) {
        return callerHolds(scopes(params));
    }

    @State(States.OPERATOR)
    public Map<String, Object> callerIsTheOperator() {
        return callerHolds(List.of(ApiKeyService.SCOPE_PLATFORM_ADMIN));
    }

    private Map<String, Object> callerHolds(List<String> scopes) {
        caller = keys.issue(new ApiKeyService.KeyRequest("contract test key", scopes, false, null, null, null));
        return Map.of(
                "apiKey", caller.secret(), "callerKeyId", caller.key().id().toString());
    }

    /**
     * A key allowed one request an hour, which the rate limiter has already counted: the next request is over the
     * limit. (An hourly window, so the state cannot roll over into a fresh minute between setup and request.)
     */
    @State(States.KEY_OVER_LIMIT)
    public Map<String, Object> callerIsOverTheLimit(Map<String, Object> params) {
        caller = keys.issue(new ApiKeyService.KeyRequest(
                "contract test key, one request an hour", scopes(params), false, null, 1, null));
        ApiKeyPrincipal principal = keys.authenticate(caller.secret());
        require(rateLimiter.check(principal).allowed(), "the key's one request was refused");
        return Map.of("apiKey", caller.secret());
    }

    @State(States.KEY_TO_REVOKE)
    public Map<String, Object> keyToRevoke() {
        ApiKeyService.IssuedKey key = keys.issue(new ApiKeyService.KeyRequest(
                "to be revoked", List.of(ApiKeyService.SCOPE_PREDICT), false, null, null, null));
        return Map.of("keyId", key.key().id().toString());
    }

    @State(States.NO_KEY_ID)
    public void noSuchKey() {
        require(
                keys.find(Caller.system(), UUID.fromString(UNKNOWN_KEY_ID)).isEmpty(),
                "a key has the id " + UNKNOWN_KEY_ID);
    }

    @State(States.CALLER_PREDICTED)
    public Map<String, Object> callerPredicted() {
        require(caller != null, "no caller key: name the caller's key state first");
        return Map.of("inferenceLogId", predictAs(caller).toString());
    }

    @State(States.OTHER_KEY_PREDICTED)
    public Map<String, Object> otherKeyPredicted() {
        ApiKeyService.IssuedKey other = keys.issue(new ApiKeyService.KeyRequest(
                "another contract test key", List.of(ApiKeyService.SCOPE_PREDICT), false, null, null, null));
        return Map.of("inferenceLogId", predictAs(other).toString());
    }

    @State(States.NO_PREDICTION)
    public void noSuchPrediction() {
        require(
                inferenceLogs.findOwner(UUID.fromString(UNKNOWN_PREDICTION)).isEmpty(),
                "a prediction has the id " + UNKNOWN_PREDICTION);
    }

    /** What an earlier, different request under this Idempotency-Key leaves behind: its stored answer. */
    @State(States.IDEMPOTENCY_KEY_USED)
    public void idempotencyKeyUsed() {
        require(caller != null, "no caller key: name the caller's key state first");
        idempotency.execute(
                caller.key().id(),
                USED_IDEMPOTENCY_KEY,
                "an earlier request with another body",
                () -> new IdempotencyService.StoredResponse(201, "{}"));
    }

    @State(States.MODEL_21_ACTIVE)
    public void model21IsLive() {
        ResolvedModel model21 = registry.resolve("21");
        ModelDeployment live = model21.requireActiveDeployment();
        require(live.id().toString().equals(DEPLOYMENT_21), "model 21 is served by " + live.id());
    }

    @State(States.TWO_MODELS)
    public void twoModelsAreRegistered() {
        model21IsLive();
        models.insertIfAbsent(new ModelRecord(
                9001,
                "contract-model-9001",
                "Contract model 9001",
                null,
                "Registered so that a page of one model has a next page.",
                List.of("Test"),
                "tabular-classification",
                10,
                60,
                "{\"type\": \"object\"}",
                null));
    }

    @State(States.NO_MODEL_999)
    public void noModel999() {
        require(models.findById(999).isEmpty(), "a model 999 exists");
    }

    @State(States.NO_DEPLOYMENT)
    public void noSuchDeployment() {
        require(
                deployments.findById(UUID.fromString(UNKNOWN_DEPLOYMENT)).isEmpty(),
                "deployment " + UNKNOWN_DEPLOYMENT + " exists");
    }

    /** An active deployment whose files do not exist: the runtime's load fails as it would for a lost artifact. */
    @State(States.BROKEN_MODEL)
    public void modelWhoseArtifactCannotLoad() {
        models.insertIfAbsent(new ModelRecord(
                BROKEN_MODEL_ID,
                "contract-broken-model",
                "Contract broken model",
                null,
                "Its artifact is missing.",
                List.of("Test"),
                "tabular-classification",
                10,
                60,
                "{\"type\": \"object\"}",
                null));
        deployments.insertIfAbsent(new DeploymentRecord(
                UUID.fromString("0d4c7a52-5e0c-4f7e-9d8a-8b1f5c2e9503"),
                BROKEN_MODEL_ID,
                "0.0.1",
                "filesystem",
                "/nonexistent/contract-artifact",
                "lscor-logistic",
                "active",
                null));
    }

    private static final String TEXT_INPUT =
            "{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"text\"], "
                    + "\"properties\": {\"text\": {\"type\": \"string\", \"minLength\": 1}}}";

    /**
     * A real sentence encoder (the quantised MiniLM a Maven artifact ships) laid out under the artifact root and
     * active as model 9601, {@code minilm-embed}, of the operator's account: the OpenAI-compatible routes serve it.
     */
    @State(States.EMBEDDING_MODEL)
    public void embeddingModelIsLive() throws IOException {
        Path artifact = MiniLm.layOut(Path.of(Contract.ARTIFACT_ROOT, "contract-minilm"));
        embeddingModel(EMBEDDING_MODEL_ID, "minilm-embed", "0e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b9601", artifact.toString());
    }

    /** An embedding model whose active deployment's files do not exist: loading it fails, as for a lost artifact. */
    @State(States.BROKEN_EMBEDDING_MODEL)
    public void embeddingModelCannotLoad() {
        embeddingModel(
                BROKEN_EMBEDDING_MODEL_ID,
                "contract-broken-embed",
                "0e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b9602",
                "/nonexistent/contract-minilm");
    }

    private void embeddingModel(int id, String slug, String deploymentId, String location) {
        models.insertIfAbsent(new ModelRecord(
                id,
                slug,
                "Contract embedding model " + slug,
                null,
                "Sentence embeddings.",
                List.of("Embedding"),
                "feature-extraction",
                2,
                3600,
                TEXT_INPUT,
                null));
        deployments.insertIfAbsent(new DeploymentRecord(
                UUID.fromString(deploymentId),
                id,
                "1.0.0",
                "filesystem",
                location,
                "onnx-text-embedding",
                "active",
                null));
    }

    /** A deployment of model 21 whose load failed: it cannot be activated. */
    @State(States.FAILED_DEPLOYMENT)
    public void deploymentThatFailedToLoad() {
        deployments.insertIfAbsent(new DeploymentRecord(
                UUID.fromString(FAILED_DEPLOYMENT),
                21,
                "contract-failed",
                "filesystem",
                "/nonexistent/contract-artifact",
                "lscor-logistic",
                DeploymentRecord.INACTIVE,
                DeploymentRecord.FAILED,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        require(
                deployments
                        .findById(UUID.fromString(FAILED_DEPLOYMENT))
                        .map(DeploymentRecord::loadStatus)
                        .orElse("")
                        .equals(DeploymentRecord.FAILED),
                "deployment " + FAILED_DEPLOYMENT + " did not fail");
    }

    /** A fresh ready, inactive deployment of model 21 each time, so retiring it can be verified again and again. */
    @State(States.RETIRABLE_DEPLOYMENT)
    public Map<String, Object> retirableDeployment() {
        UUID id = UUID.randomUUID();
        deployments.insertIfAbsent(new DeploymentRecord(
                id,
                21,
                "contract-retirable-" + id,
                "bundled",
                "classpath:models/lscor-v2",
                "lscor-logistic",
                DeploymentRecord.INACTIVE,
                null));
        return Map.of("deploymentId", id.toString());
    }

    @State(States.OTHER_ACCOUNT)
    public void otherAccountExists() {
        otherAccount();
    }

    @State(States.NO_ACCOUNT)
    public void noSuchAccount() {
        require(
                accounts.findById(UUID.fromString(UNKNOWN_ACCOUNT)).isEmpty(),
                "an account has the id " + UNKNOWN_ACCOUNT);
    }

    /**
     * A private model of the caller's account, with no deployment. An interaction may make it public: the state
     * makes it private again, through the registry's own update so no instance serves the old visibility.
     */
    @State(States.CALLER_PRIVATE_MODEL)
    public void callerOwnsAPrivateModel() {
        require(caller != null, "no caller key: name the caller's key state first");
        UUID account = caller.key().accountId();
        ModelRecord model = ownedModel(CALLER_PRIVATE_MODEL_ID, "contract-own-private", account, ModelRecord.PRIVATE);
        if (ModelRecord.PUBLIC.equals(model.visibility())) {
            registration.update(
                    Caller.system(),
                    String.valueOf(CALLER_PRIVATE_MODEL_ID),
                    new ModelRegistration.ModelChanges(null, null, null, null, false));
        }
    }

    @State(States.OTHER_PUBLIC_MODEL)
    public void anotherAccountOwnsAPublicModel() {
        ownedModel(OTHER_PUBLIC_MODEL_ID, "contract-partner-public", otherAccount(), ModelRecord.PUBLIC);
    }

    @State(States.OTHER_PRIVATE_MODEL)
    public void anotherAccountOwnsAPrivateModel() {
        ownedModel(OTHER_PRIVATE_MODEL_ID, "contract-partner-private", otherAccount(), ModelRecord.PRIVATE);
    }

    @State(
            value = {
                States.KEY_MODELS_READ,
                States.KEY_PREDICT,
                States.KEY_ADMIN,
                States.KEY_OVER_LIMIT,
                States.OPERATOR
            },
            action = StateChangeAction.TEARDOWN)
    public void forgetCaller() {
        caller = null;
    }

    /**
     * Stops the server's PostgreSQL for real; readiness must notice it through its own connection pool. A caller
     * with a key is one who was already calling when the outage began, so the server knows the key from its cache.
     */
    @State(States.DATABASE_DOWN)
    public synchronized void databaseIsDown() throws IOException {
        if (caller != null) {
            keys.authenticate(caller.secret());
        }
        postgres.close();
    }

    /**
     * Starts PostgreSQL again on the same data and port, and retires the pool's connections to the stopped server,
     * so the next interaction does not meet a connection that broke with the outage.
     */
    @State(value = States.DATABASE_DOWN, action = StateChangeAction.TEARDOWN)
    public synchronized void databaseIsBack() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(postgres.getPort())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        // Two outages in a row can leave the pool still failing to connect when the next interaction starts: wait
        // until it hands out a connection to the restarted server again.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (java.sql.Connection connection = dataSource.getConnection()) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException stillDown) {
                if (System.nanoTime() > deadline) {
                    throw stillDown;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("the restarted database hands out no valid connection");
            }
        }
    }

    private UUID predictAs(ApiKeyService.IssuedKey key) {
        Caller asKey = new Caller(keys.authenticate(key.secret()), "contract-state");
        return predictions
                .predict(new MeteredPredictionService.Call(asKey, null), "21", ExampleInputs.lead())
                .inferenceLogId();
    }

    private UUID otherAccount() {
        accounts.insertIfSlugFree(OTHER_ACCOUNT);
        require(
                accounts.findBySlug(OTHER_ACCOUNT.slug())
                        .map(AccountRecord::id)
                        .orElseThrow()
                        .equals(OTHER_ACCOUNT.id()),
                "another account has the slug " + OTHER_ACCOUNT.slug());
        return OTHER_ACCOUNT.id();
    }

    /** The model {@code id} of {@code account}, registered with {@code visibility} unless it exists already. */
    private ModelRecord ownedModel(int id, String slug, UUID account, String visibility) {
        models.insertIfAbsent(new ModelRecord(
                id,
                slug,
                "Contract model " + id,
                null,
                "Registered for the ownership interactions.",
                List.of("Test"),
                "tabular-classification",
                10,
                60,
                ANY_OBJECT,
                ANY_OBJECT,
                null,
                account,
                visibility));
        ModelRecord model = models.findById(id).orElseThrow();
        require(model.accountId().equals(account), "model " + id + " belongs to account " + model.accountId());
        return model;
    }

    private static List<String> scopes(Map<String, Object> params) {
        return Arrays.asList(String.valueOf(params.get("scopes")).split(","));
    }

    private static void require(boolean condition, String otherwise) {
        if (!condition) {
            throw new IllegalStateException("Cannot set up the provider state: " + otherwise);
        }
    }
}
