package ai.hokusai.sdk;

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
import ai.hokusai.sdk.model.OpenAiError;
import ai.hokusai.sdk.model.OpenAiErrorDetail;
import ai.hokusai.sdk.model.Problem;
import ai.hokusai.sdk.model.ProblemFieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a failure of the generated client into the exception that says what it means. The status decides
 * the class, so a response without a problem body still maps; the problem body, when there is one, adds
 * the stable {@code code}, the detail and the field errors.
 */
final class ErrorMapper {

    private static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    HokusaiException map(ai.hokusai.sdk.internal.invoker.ApiException failure, Operation operation) {
        if (failure.getCode() == 0) {
            return withoutResponse(failure.getCause() == null ? failure : failure.getCause());
        }
        return fromResponse(
                operation, failure.getCode(), failure.getResponseHeaders(), failure.getResponseBody(), failure);
    }

    private HokusaiException withoutResponse(Throwable cause) {
        if (cause instanceof JsonProcessingException) {
            return new ServerException(
                    "The server's response could not be read: " + cause.getMessage(), 0, null, null, List.of(), cause);
        }
        if (cause instanceof InterruptedException) {
            return new ApiConnectionException("Interrupted while waiting for the Hokusai API", cause);
        }
        if (cause instanceof IOException) {
            return new ApiConnectionException("Could not reach the Hokusai API: " + describe(cause), cause);
        }
        return new ServerException("The Hokusai call failed: " + describe(cause), 0, null, null, List.of(), cause);
    }

    HokusaiException fromResponse(Operation operation, int status, HttpHeaders headers, String body, Throwable cause) {
        Problem problem = parseProblem(body);
        if (problem == null) {
            problem = parseOpenAiError(body);
        }
        String headerRequestId =
                headers == null ? null : headers.firstValue("X-Request-Id").orElse(null);
        String requestId = problem != null && problem.getRequestId() != null ? problem.getRequestId() : headerRequestId;
        String code = problem == null ? null : problem.getCode();
        List<FieldError> fieldErrors = problem == null || problem.getErrors() == null
                ? List.of()
                : problem.getErrors().stream().map(ErrorMapper::fieldError).collect(Collectors.toList());
        String message = message(status, problem, code, requestId);

        switch (status) {
            case 401:
                return new AuthenticationException(message, status, code, requestId, fieldErrors, cause);
            case 403:
                // The spec names the missing scope in x-required-scope; the detail says it too, but for people.
                return new PermissionException(
                        message,
                        status,
                        code,
                        requestId,
                        fieldErrors,
                        INSUFFICIENT_SCOPE.equals(code) ? operation.requiredScope() : null,
                        cause);
            case 404:
                return new NotFoundException(message, status, code, requestId, fieldErrors, cause);
            case 409:
                if (IdempotencyException.isIdempotencyCode(code)) {
                    return new IdempotencyException(
                            message,
                            status,
                            code,
                            requestId,
                            fieldErrors,
                            RetryPolicy.retryAfter(headers).orElse(null),
                            cause);
                }
                return new InvalidRequestException(message, status, code, requestId, fieldErrors, cause);
            case 429:
                return new RateLimitException(
                        message,
                        status,
                        code,
                        requestId,
                        fieldErrors,
                        RetryPolicy.retryAfter(headers).orElse(null),
                        headers == null ? null : RateLimit.from(headers.map()).orElse(null),
                        cause);
            default:
                if (status >= 400 && status < 500) {
                    return new InvalidRequestException(message, status, code, requestId, fieldErrors, cause);
                }
                return new ServerException(message, status, code, requestId, fieldErrors, cause);
        }
    }

    /** The problem in the body, or null when the body is empty or not a problem (a proxy's HTML page, say). */
    private Problem parseProblem(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Problem problem = mapper.readValue(body, Problem.class);
            return problem.getStatus() == null && problem.getCode() == null ? null : problem;
        } catch (IOException notAProblem) {
            return null;
        }
    }

    /**
     * The OpenAI-compatible routes answer in OpenAI's error shape; it carries the same code, detail and request id,
     * and the first field at fault in {@code param}: read as the problem it stands for.
     */
    private Problem parseOpenAiError(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            OpenAiErrorDetail error = mapper.readValue(body, OpenAiError.class).getError();
            if (error == null || error.getCode() == null) {
                return null;
            }
            Problem problem = new Problem()
                    .code(error.getCode())
                    .detail(error.getMessage())
                    .requestId(error.getRequestId());
            if (error.getParam() != null) {
                problem.addErrorsItem(
                        new ProblemFieldError().pointer(error.getParam()).message(error.getMessage()));
            }
            return problem;
        } catch (IOException notAnOpenAiError) {
            return null;
        }
    }

    private static FieldError fieldError(ProblemFieldError error) {
        return new FieldError(error.getPointer(), error.getMessage());
    }

    private static String message(int status, Problem problem, String code, String requestId) {
        String text = "HTTP " + status;
        if (problem != null) {
            text = problem.getDetail() != null
                    ? problem.getDetail()
                    : problem.getTitle() != null ? problem.getTitle() : text;
        }
        StringBuilder message = new StringBuilder(text).append(" (status ").append(status);
        if (code != null) {
            message.append(", code ").append(code);
        }
        if (requestId != null) {
            message.append(", request ").append(requestId);
        }
        return message.append(')').toString();
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
