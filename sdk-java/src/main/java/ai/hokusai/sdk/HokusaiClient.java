package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The entry point of the Hokusai Model API. Build one per application and share it; it is thread-safe.
 *
 * <pre>{@code
 * HokusaiClient client = HokusaiClient.builder().apiKey(System.getenv("HOKUSAI_API_KEY")).build();
 * Prediction<LeadScore> scored = client.predictions().create("21", lead);
 * }</pre>
 */
public final class HokusaiClient {

    /** The production base URL: the first {@code servers} entry of the API's OpenAPI document. */
    public static final String DEFAULT_BASE_URL = new ApiClient().getBaseUri();

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RETRIES = 2;

    private final String baseUrl;
    private final ModelService models;
    private final PredictionService predictions;
    private final DeploymentService deployments;
    private final SystemService system;
    private final ApiKeyService apiKeys;
    private final UsageService usage;
    private final OutcomeService outcomes;
    private final InferenceService inference;
    private final AccountService accounts;
    private final AuditEventService auditEvents;
    private final EmbeddingService embeddings;

    private HokusaiClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        HttpClient httpClient = builder.httpClient != null
                ? builder.httpClient
                : HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
        Transport transport = new Transport(
                baseUrl,
                httpClient,
                builder.apiKey,
                builder.timeout,
                builder.maxRetries,
                new RetryPolicy(builder.jitter),
                builder.sleeper);
        this.models = new ModelService(transport);
        this.predictions = new PredictionService(transport);
        this.deployments = new DeploymentService(transport);
        this.system = new SystemService(transport);
        this.apiKeys = new ApiKeyService(transport);
        this.usage = new UsageService(transport);
        this.outcomes = new OutcomeService(transport);
        this.inference = new InferenceService(transport);
        this.accounts = new AccountService(transport);
        this.auditEvents = new AuditEventService(transport);
        this.embeddings = new EmbeddingService(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ModelService models() {
        return models;
    }

    public PredictionService predictions() {
        return predictions;
    }

    public DeploymentService deployments() {
        return deployments;
    }

    public SystemService system() {
        return system;
    }

    /** Issuing, listing and revoking keys; needs an {@code admin} key. */
    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    public UsageService usage() {
        return usage;
    }

    public OutcomeService outcomes() {
        return outcomes;
    }

    /** Every model as named tensors, through the Open Inference Protocol (KServe v2) routes. */
    public InferenceService inference() {
        return inference;
    }

    /** The caller's account, its Hugging Face token, and (for the platform operator) every account. */
    public AccountService accounts() {
        return accounts;
    }

    /** Who changed what, and when; needs an {@code admin} key. */
    public AuditEventService auditEvents() {
        return auditEvents;
    }

    /** Embeddings and embedding models through the OpenAI-compatible routes; needs a {@code predict} key. */
    public EmbeddingService embeddings() {
        return embeddings;
    }

    /** The base URL every call goes to. */
    public String getBaseUrl() {
        return baseUrl;
    }

    public static final class Builder {

        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private HttpClient httpClient;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private DoubleSupplier jitter = new SecureRandom()::nextDouble;

        private Builder() {}

        /** Required: the key sent as {@code Authorization: Bearer <key>} ({@code hk_live_…} or {@code hk_test_…}). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Another server, such as {@code http://localhost:8080}; defaults to {@link #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            URI uri = URI.create(baseUrl);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            // Paths are appended to it, so a trailing slash would double up.
            this.baseUrl = baseUrl.replaceAll("/+$", "");
            return this;
        }

        /** How long one attempt may wait for a response; {@link RequestOptions} can override it per call. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How long to wait for a connection; ignored when {@link #httpClient(HttpClient)} is given. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Retries after a failed connection, a 429 or a 503; 0 disables them. Defaults to 2. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Your own {@link HttpClient} (proxy, TLS, executor); the SDK adds its retries on top. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        public HokusaiClient build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalStateException(
                        "an API key is required: HokusaiClient.builder().apiKey(\"hk_live_…\")");
            }
            return new HokusaiClient(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
