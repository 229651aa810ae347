package ai.hokusai.server.web;

import static ai.hokusai.server.web.model.OpenAiErrorDetail.TypeEnum.*;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.error.StoreUnavailableException;
import ai.hokusai.server.web.model.OpenAiError;
import ai.hokusai.server.web.model.OpenAiErrorDetail;
import ai.hokusai.server.web.model.Problem;
import ai.hokusai.server.web.model.ProblemFieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become HTTP answers. Every answer is a {@link Problem} with a stable code (on the
 * OpenAI-compatible routes, the same in OpenAI's error shape, {@link OpenAiError}); nothing
 * internal (stack traces, class names, SQL) ever reaches the body.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private static final String MODEL_REF_POINTER = "#/path/modelRef";
    /** The spec's pattern is exact but unreadable; say what it means instead. */
    private static final String MODEL_REF_RULE =
            "must be a model number (21), a model slug (lscor-v2) or a deployment UUID";

    private final String typeBase;
    private final ProblemCatalog catalog;

    public ProblemAdvice(ApiSpecDocument spec, ProblemCatalog catalog) {
        this.typeBase = spec.productionBaseUrl() + "/docs/errors.html#";
        this.catalog = catalog;
    }

    /** A refusal the web layer makes itself, before or around a handler: its code and detail. */
    static final class Refusal extends DomainException {
        Refusal(ErrorCode code, String detail) {
            super(code, detail);
        }
    }

    /**
     * Every failure of the domain: its code, message, field violations and retry-after are data on the exception,
     * and {@link ProblemCatalog} says what the code is on the wire.
     */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.retryAfterSeconds().ifPresent(seconds -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        if (e.code() == ErrorCode.AUTHENTICATION_REQUIRED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hokusai\"");
        } else if (e.code() == ErrorCode.INVALID_API_KEY) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hokusai\", error=\"invalid_token\"");
        }
        if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            log.warn(
                    "The database cannot be reached on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
        return build(e.code(), e.getMessage(), e.violations(), headers, request);
    }

    /**
     * What routing and content negotiation refuse, with the status and headers Spring gives them. A 405 says which
     * call would have worked: the incident this API was rebuilt for.
     */
    @ExceptionHandler({
        NoHandlerFoundException.class,
        NoResourceFoundException.class,
        HttpRequestMethodNotSupportedException.class,
        HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class
    })
    ResponseEntity<Object> refusedRoute(Exception e, HttpServletRequest request) {
        ErrorResponse refusal = (ErrorResponse) e;
        HttpHeaders headers = HttpHeaders.copyOf(refusal.getHeaders());
        String uri = request.getRequestURI();
        String detail = switch (e) {
            case HttpRequestMethodNotSupportedException m -> {
                Set<String> allowed = new TreeSet<>(
                        headers.getAllow().stream().map(HttpMethod::name).toList());
                headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
                yield allowed.stream()
                        .map(method -> method + " " + uri)
                        .collect(Collectors.joining(
                                " or ", m.getMethod() + " is not allowed on " + uri + ". Call it as: ", "."));
            }
            case HttpMediaTypeNotSupportedException m ->
                "Content-Type " + (m.getContentType() == null ? "none" : "'" + m.getContentType() + "'")
                        + " is not supported; send application/json.";
            case HttpMediaTypeNotAcceptableException m ->
                "This route answers with application/json; the Accept header rules it out.";
            default -> "No route of this API has the path " + uri + ". The API reference lists every route.";
        };
        ErrorCode code =
                ProblemCatalog.forContainerStatus(refusal.getStatusCode().value());
        return build(code, detail, List.of(), headers, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException mismatch
                    && !mismatch.getPath().isEmpty()) {
                boolean unknown = cause instanceof UnrecognizedPropertyException;
                return invalidRequest(
                        unknown
                                ? "The request body has a field this call does not take."
                                : "A field of the request body has the wrong type.",
                        List.of(new FieldViolation(
                                pointer(mismatch), unknown ? "is not a field of this request" : "has the wrong type")),
                        request);
            }
        }
        // A body the container failed to read (broken framing, an early end, a stall) has been answered by the
        // container already, with its own status (ContainerErrorProblems); what is returned here is not sent.
        boolean empty = !(e.getCause() instanceof JacksonException);
        return build(
                ErrorCode.MALFORMED_JSON,
                empty ? "The request body is missing or unreadable." : "The request body is not valid JSON.",
                request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        return invalidRequest(
                "The request body is invalid.",
                e.getBindingResult().getFieldErrors().stream()
                        .map(ProblemAdvice::bodyViolation)
                        .toList(),
                request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<FieldViolation> bodyViolations = new ArrayList<>();
        List<FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result.getMethodParameter().hasParameterAnnotation(RequestBody.class)
                    && result instanceof ParameterErrors errors
                    && errors.hasFieldErrors()) {
                errors.getFieldErrors().forEach(f -> bodyViolations.add(bodyViolation(f)));
            } else {
                String pointer = parameterPointer(result.getMethodParameter());
                result.getResolvableErrors()
                        .forEach(error -> violations.add(new FieldViolation(
                                pointer,
                                MODEL_REF_POINTER.equals(pointer) ? MODEL_REF_RULE : error.getDefaultMessage())));
            }
        });
        // A constraint of the body (e.g. minItems) is an invalid request, as when the body binds.
        return bodyViolations.isEmpty()
                ? invalidParameter(violations, request)
                : invalidRequest("The request body is invalid.", bodyViolations, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return invalidParameter(
                List.of(new FieldViolation(parameterPointer(e.getParameter()), "has the wrong type")), request);
    }

    /** A required query parameter or header that is absent, or a path parameter that converts to nothing (blank). */
    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<Object> missingValue(MissingRequestValueException e, HttpServletRequest request) {
        FieldViolation violation = switch (e) {
            case MissingServletRequestParameterException query ->
                new FieldViolation("#/query/" + query.getParameterName(), "is required");
            case MissingRequestHeaderException header ->
                new FieldViolation("#/header/" + header.getHeaderName(), "is required");
            case MissingPathVariableException path
            when path.isMissingAfterConversion() ->
                new FieldViolation("#/path/" + path.getVariableName(), "must not be blank");
            default -> null;
        };
        return violation == null ? unexpected(e, request) : invalidParameter(List.of(violation), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (databaseUnreachable(e)) { // first: a connection to the database that was reset is not the client's
            return domain(new StoreUnavailableException(e), request);
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // The client hung up before its answer was written: no answer can reach it, and the server did not fail.
            log.debug(
                    "The client went away before the answer to {} {} was written",
                    request.getMethod(),
                    request.getRequestURI());
            return null;
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return build(
                ErrorCode.INTERNAL_ERROR, "An unexpected error occurred. Quote the request id to support.", request);
    }

    /**
     * The database is down, as Spring reports it or as a lost connection surfaces, wrapped differently by each layer
     * (MyBatis, the pool, the driver; SQL state class 08 is what they share): a 503 that says retry, never a 500.
     */
    private static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every answer: an RFC 9457 problem whose {@code type} points at the code's section of the error reference under
     * the spec's production base URL, written by Spring's JSON converter with the application's mapper.
     */
    private ResponseEntity<Object> build(ErrorCode code, String detail, HttpServletRequest request) {
        return build(code, detail, List.of(), new HttpHeaders(), request);
    }

    private ResponseEntity<Object> build(
            ErrorCode code,
            String detail,
            List<FieldViolation> violations,
            HttpHeaders headers,
            HttpServletRequest request) {
        HttpStatus status = catalog.status(code);
        Problem problem = new Problem(
                typeBase + code.code(), catalog.title(code), status.value(), code.code(), RequestLog.idOf(request));
        problem.setDetail(detail);
        String uri = request.getRequestURI();
        if (uri.equals("/v2") || uri.startsWith("/v2/")) {
            // The Open Inference Protocol's routes: its clients read the protocol's own member, `error`.
            problem.setError(detail == null ? problem.getTitle() : detail);
        }
        problem.setInstance(uri.isEmpty() ? null : uri);
        // Absent rather than empty when no field is at fault (nulls are not serialised).
        problem.setErrors(
                violations.isEmpty()
                        ? null
                        : violations.stream()
                                .map(v -> new ProblemFieldError(v.pointer(), v.message()))
                                .toList());
        if (uri.startsWith("/api/openai/")) {
            return ResponseEntity.status(status)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(openAiError(problem, violations));
        }
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The same refusal in the shape the OpenAI-compatible routes' clients parse (they pick their error class by the
     * status, and read {@code error.message}, {@code error.code} and {@code error.param}): our code, detail and
     * request id.
     */
    private static OpenAiError openAiError(Problem problem, List<FieldViolation> violations) {
        OpenAiErrorDetail detail = new OpenAiErrorDetail(
                problem.getDetail() == null ? problem.getTitle() : problem.getDetail(),
                openAiType(problem.getStatus()),
                problem.getCode(),
                problem.getRequestId());
        detail.setParam(violations.isEmpty() ? null : violations.get(0).pointer());
        return new OpenAiError(detail);
    }

    private static OpenAiErrorDetail.TypeEnum openAiType(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION_ERROR;
            case 403 -> PERMISSION_ERROR;
            case 404 -> NOT_FOUND_ERROR;
            case 429 -> RATE_LIMIT_ERROR;
            default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST_ERROR;
        };
    }

    private ResponseEntity<Object> invalidRequest(
            String detail, List<FieldViolation> violations, HttpServletRequest request) {
        return build(ErrorCode.INVALID_REQUEST, detail, violations, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> invalidParameter(List<FieldViolation> violations, HttpServletRequest request) {
        String detail = violations.stream()
                .map(v -> v.pointer().replace("#/", "").replace('/', ' ') + " " + v.message())
                .distinct()
                .collect(Collectors.joining("; ", "Invalid parameter: ", "."));
        return build(ErrorCode.INVALID_PARAMETER, detail, violations, new HttpHeaders(), request);
    }

    private static FieldViolation bodyViolation(FieldError f) {
        return new FieldViolation("/" + snakeCase(f.getField()).replace('.', '/'), f.getDefaultMessage());
    }

    /** {@code #/path/modelRef}, {@code #/query/limit} or {@code #/header/X-Request-Id}, as the spec names them. */
    private static String parameterPointer(MethodParameter parameter) {
        // The generated interfaces name every parameter in its annotation, as the spec does.
        return parameter.getParameterAnnotation(PathVariable.class) instanceof PathVariable path
                ? "#/path/" + path.value()
                : parameter.getParameterAnnotation(RequestParam.class) instanceof RequestParam query
                        ? "#/query/" + query.value()
                        : parameter.getParameterAnnotation(RequestHeader.class) instanceof RequestHeader header
                                ? "#/header/" + header.value()
                                : "#/" + parameter.getParameterName();
    }

    private static String pointer(DatabindException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
