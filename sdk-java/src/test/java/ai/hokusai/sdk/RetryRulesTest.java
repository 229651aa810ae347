package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.LEAD_SCORE;
import static ai.hokusai.sdk.TestData.MODEL_21;
import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.lead;
import static ai.hokusai.sdk.TestData.predictResponse;
import static ai.hokusai.sdk.TestData.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.ApiConnectionException;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.exception.RateLimitException;
import ai.hokusai.sdk.exception.ServerException;
import ai.hokusai.sdk.model.LeadScore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryRulesTest {

    private final StubServer stub = new StubServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final HokusaiClient client = clientFor(stub, sleeper).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void retriesAfterADroppedConnectionWithTheSameIdempotencyKey() {
        stub.disconnect().json(200, predictResponse(LEAD_SCORE));

        Prediction<LeadScore> scored = client.predictions().create("21", lead());

        assertThat(scored.getPrediction().getLeadScore()).isEqualTo(82);
        assertThat(stub.attempts()).isEqualTo(2);
        assertThat(idempotencyKeys())
                .doesNotContainNull()
                .hasSize(2)
                .containsOnly(idempotencyKeys().get(0));
    }

    @Test
    void givesUpOnDroppedConnectionsAfterMaxRetries() {
        stub.disconnect();

        // A POST: the JDK's HttpClient silently resends a GET once on a dropped connection, which would blur the count.
        assertThatThrownBy(() -> client.predictions().create("21", lead()))
                .isInstanceOf(ApiConnectionException.class)
                .extracting(e -> ((HokusaiException) e).getStatusCode())
                .isEqualTo(0);
        assertThat(stub.attempts()).isEqualTo(1 + HokusaiClient.DEFAULT_MAX_RETRIES);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void retries429AfterTheRetryAfterSeconds() {
        stub.problem(429, problem(429, "rate_limited", "req_1", null), "Retry-After", "3")
                .json(200, predictResponse(LEAD_SCORE));

        client.predictions().create("21", lead());

        assertThat(stub.attempts()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(idempotencyKeys()).containsOnly(idempotencyKeys().get(0));
    }

    @Test
    void retries429WithBackoffWhenNoRetryAfterIsGiven() {
        stub.problem(429, problem(429, "rate_limited", "req_1", null)).json(200, MODEL_21);

        client.models().get("21");

        assertThat(stub.attempts()).isEqualTo(2);
        // Jitter fixed at 0.5 of the first bound (500 ms).
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void retries429WithBackoffWhenRetryAfterIsBeyondAMinute() {
        stub.problem(429, problem(429, "rate_limited", "req_1", null), "Retry-After", "3600")
                .json(200, MODEL_21);

        client.models().get("21");

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void reportsRateLimitWithRetryAfterWhenRetriesRunOut() {
        stub.problem(429, problem(429, "rate_limited", "req_9", null), "Retry-After", "7");

        assertThatThrownBy(() -> client.models().get("21")).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getRequestId()).isEqualTo("req_9");
        });
        assertThat(stub.attempts()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void retries503WithGrowingBackoffAndTheSameIdempotencyKey() {
        stub.problem(503, problem(503, "model_unavailable", "req_1", null))
                .problem(503, problem(503, "model_unavailable", "req_2", null))
                .json(200, predictResponse(LEAD_SCORE));

        client.predictions().create("21", lead());

        assertThat(stub.attempts()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(idempotencyKeys()).hasSize(3).containsOnly(idempotencyKeys().get(0));
    }

    @Test
    void givesUpOn503AfterMaxRetriesWithTheLastProblem() {
        stub.problem(503, problem(503, "model_unavailable", "req_last", null));

        assertThatThrownBy(() -> client.predictions().create("21", lead()))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.getCode()).isEqualTo("model_unavailable");
                });
        assertThat(stub.attempts()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metering_unavailable", "service_unavailable"})
    void retriesAnOutcomeAfterA503WithTheSameIdempotencyKeyThenReportsIt(String code) {
        stub.problem(503, problem(503, code, "req_1", null), "Retry-After", "5");

        assertThatThrownBy(() -> client.outcomes().report(java.util.UUID.randomUUID(), 1.0, "conversion"))
                .isExactlyInstanceOf(ServerException.class)
                .extracting(e -> ((HokusaiException) e).getCode())
                .isEqualTo(code);
        assertThat(stub.attempts()).isEqualTo(1 + HokusaiClient.DEFAULT_MAX_RETRIES);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(idempotencyKeys())
                .doesNotContainNull()
                .containsOnly(idempotencyKeys().get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 413, 415, 422, 500, 502, 504})
    void neverRetriesOtherStatuses(int status) {
        stub.problem(status, problem(status, "some_problem", "req_1", null));

        assertThatThrownBy(() -> client.predictions().create("21", lead())).isInstanceOf(HokusaiException.class);
        assertThat(stub.attempts()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void clientMaxRetriesBoundsTheAttempts() {
        HokusaiClient patient = clientFor(stub, sleeper).maxRetries(4).build();
        stub.problem(503, problem(503, "model_unavailable", "req_1", null));

        assertThatThrownBy(() -> patient.models().get("21")).isInstanceOf(ServerException.class);
        assertThat(stub.attempts()).isEqualTo(5);
    }

    @Test
    void perCallMaxRetriesOverridesTheClients() {
        stub.problem(503, problem(503, "model_unavailable", "req_1", null));

        assertThatThrownBy(() -> client.models()
                        .get("21", RequestOptions.builder().maxRetries(0).build()))
                .isInstanceOf(ServerException.class);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    private List<String> idempotencyKeys() {
        return stub.requests().stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toList());
    }
}
