package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.lead;
import static ai.hokusai.sdk.TestData.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.ApiConnectionException;
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.FieldError;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.exception.IdempotencyException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.exception.PermissionException;
import ai.hokusai.sdk.exception.RateLimitException;
import ai.hokusai.sdk.exception.ServerException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceptionMappingTest {

    private final StubServer stub = new StubServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final HokusaiClient client = clientFor(stub, sleeper).maxRetries(0).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @ParameterizedTest
    @CsvSource({
        "400, invalid_parameter, ai.hokusai.sdk.exception.InvalidRequestException",
        "401, invalid_api_key, ai.hokusai.sdk.exception.AuthenticationException",
        "403, forbidden, ai.hokusai.sdk.exception.PermissionException",
        "403, insufficient_scope, ai.hokusai.sdk.exception.PermissionException",
        "404, model_not_found, ai.hokusai.sdk.exception.NotFoundException",
        "405, method_not_allowed, ai.hokusai.sdk.exception.InvalidRequestException",
        "406, not_acceptable, ai.hokusai.sdk.exception.InvalidRequestException",
        "409, conflict, ai.hokusai.sdk.exception.InvalidRequestException",
        "409, idempotency_conflict, ai.hokusai.sdk.exception.IdempotencyException",
        "409, idempotency_in_progress, ai.hokusai.sdk.exception.IdempotencyException",
        "413, batch_too_large, ai.hokusai.sdk.exception.InvalidRequestException",
        "415, unsupported_media_type, ai.hokusai.sdk.exception.InvalidRequestException",
        "422, invalid_input, ai.hokusai.sdk.exception.InvalidRequestException",
        "429, rate_limited, ai.hokusai.sdk.exception.RateLimitException",
        "500, internal_error, ai.hokusai.sdk.exception.ServerException",
        "503, model_unavailable, ai.hokusai.sdk.exception.ServerException",
        "503, metering_unavailable, ai.hokusai.sdk.exception.ServerException",
        "503, service_unavailable, ai.hokusai.sdk.exception.ServerException",
    })
    void mapsEachProblemStatusToItsException(int status, String code, Class<?> expected) {
        stub.problem(status, problem(status, code, "req_body", null), "X-Request-Id", "req_header");

        assertThatThrownBy(() -> client.predictions().create("21", lead()))
                .isExactlyInstanceOf(expected)
                .isInstanceOfSatisfying(HokusaiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(status);
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getRequestId()).isEqualTo("req_body");
                    assertThat(e.getMessage()).contains("Detail of " + code).contains("req_body");
                });
    }

    @ParameterizedTest
    @CsvSource({
        "400, ai.hokusai.sdk.exception.InvalidRequestException",
        "401, ai.hokusai.sdk.exception.AuthenticationException",
        "403, ai.hokusai.sdk.exception.PermissionException",
        "404, ai.hokusai.sdk.exception.NotFoundException",
        "418, ai.hokusai.sdk.exception.InvalidRequestException",
        "429, ai.hokusai.sdk.exception.RateLimitException",
        "502, ai.hokusai.sdk.exception.ServerException",
    })
    void mapsByStatusWhenThereIsNoProblemBody(int status, Class<?> expected) {
        stub.reply(status, "text/html", "<html>Bad gateway</html>", "X-Request-Id", "req_header");

        assertThatThrownBy(() -> client.models().get("21"))
                .isExactlyInstanceOf(expected)
                .isInstanceOfSatisfying(HokusaiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(status);
                    assertThat(e.getCode()).isNull();
                    assertThat(e.getRequestId()).isEqualTo("req_header");
                    assertThat(e.getMessage()).startsWith("HTTP " + status);
                });
    }

    @Test
    void invalidInputCarriesEveryFieldPointer() {
        stub.problem(
                422,
                problem(
                        422,
                        "invalid_input",
                        "req_1",
                        "[{\"pointer\":\"/inputs/title\",\"message\":"
                                + "\"must be a string, not null\"},{\"pointer\":\"/inputs/company_size\",\"message\":\"must be an integer\"}]"));

        assertThatThrownBy(() -> client.predictions().create("21", lead()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getPointers()).containsExactly("/inputs/title", "/inputs/company_size");
                    assertThat(e.getFieldErrors())
                            .first()
                            .isEqualTo(new FieldError("/inputs/title", "must be a string, not null"));
                });
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        stub.problem(429, problem(429, "rate_limited", "req_1", null), "Retry-After", "30");

        assertThatThrownBy(() -> client.models().list())
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void authenticationAndPermissionAreDistinct() {
        stub.problem(401, problem(401, "invalid_api_key", "r", null))
                .problem(403, problem(403, "forbidden", "r", null));

        assertThatThrownBy(() -> client.models().list()).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> client.models().list()).isInstanceOf(PermissionException.class);
    }

    @Test
    void insufficientScopeNamesTheScopeTheOperationNeeds() {
        stub.problem(403, problem(403, "insufficient_scope", "r", null));

        assertThatThrownBy(() -> client.apiKeys().list())
                .isInstanceOfSatisfying(
                        PermissionException.class,
                        e -> assertThat(e.getRequiredScope()).contains("admin"));
        assertThatThrownBy(() -> client.usage().retrieve())
                .isInstanceOfSatisfying(
                        PermissionException.class,
                        e -> assertThat(e.getRequiredScope()).contains("predict"));
        assertThatThrownBy(() -> client.models().get("21"))
                .isInstanceOfSatisfying(
                        PermissionException.class,
                        e -> assertThat(e.getRequiredScope()).contains("models:read"));
    }

    @Test
    void forbiddenObjectNamesNoScopeSinceNoScopeWouldHelp() {
        stub.problem(403, problem(403, "forbidden", "r", null));

        assertThatThrownBy(() -> client.outcomes().report(java.util.UUID.randomUUID(), 1.0, "conversion"))
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("forbidden");
                    assertThat(e.getRequiredScope()).isEmpty();
                });
    }

    @Test
    void idempotencyConflictIsAnInvalidRequestThatIsNotInProgress() {
        stub.problem(409, problem(409, "idempotency_conflict", "r", null));

        assertThatThrownBy(() -> client.predictions().create("21", lead()))
                .isInstanceOf(InvalidRequestException.class)
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.isInProgress()).isFalse();
                    assertThat(e.getRetryAfter()).isEmpty();
                });
    }

    @Test
    void idempotencyInProgressCarriesRetryAfter() {
        stub.problem(409, problem(409, "idempotency_in_progress", "r", null), "Retry-After", "1");

        assertThatThrownBy(() -> client.outcomes().report(java.util.UUID.randomUUID(), 1.0, "conversion"))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.isInProgress()).isTrue();
                    assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(1));
                });
    }

    @Test
    void rateLimitCarriesTheExhaustedPolicy() {
        stub.problem(
                429,
                problem(429, "rate_limited", "r", null),
                "Retry-After",
                "12",
                "RateLimit-Policy",
                "\"minute\";q=60;w=60, \"hour\";q=1000;w=3600",
                "RateLimit",
                "\"minute\";r=0;t=12");

        assertThatThrownBy(() -> client.models().list())
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.getRateLimit()).hasValueSatisfying(limit -> {
                            assertThat(limit.getPolicy()).isEqualTo("minute");
                            assertThat(limit.getRemaining()).isZero();
                            assertThat(limit.getReset()).isEqualTo(Duration.ofSeconds(12));
                            assertThat(limit.getQuota()).hasValue(60);
                        }));
    }

    @Test
    void notFoundNamesTheMissingModel() {
        stub.problem(404, problem(404, "model_not_found", "r", null));

        assertThatThrownBy(() -> client.models().get("999"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("model_not_found"));
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HokusaiClient nowhere = HokusaiClient.builder()
                .apiKey("hk_test_unit")
                .baseUrl("http://127.0.0.1:" + closedPort)
                .sleeper(sleeper)
                .maxRetries(0)
                .build();

        assertThatThrownBy(() -> nowhere.models().list()).isInstanceOfSatisfying(ApiConnectionException.class, e -> {
            assertThat(e.getStatusCode()).isZero();
            assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
    }

    @Test
    void perCallTimeoutEndsTheWaitAsAConnectionFailure() {
        stub.slow(2_000, 200, TestData.MODEL_21);

        assertThatThrownBy(() -> client.models()
                        .get(
                                "21",
                                RequestOptions.builder()
                                        .timeout(Duration.ofMillis(200))
                                        .build()))
                .isInstanceOf(ApiConnectionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void unreadableSuccessBodyIsAServerError() {
        stub.json(200, "{not json");

        assertThatThrownBy(() -> client.models().get("21"))
                .isExactlyInstanceOf(ServerException.class)
                .hasMessageContaining("could not be read");
    }
}
