package ai.hokusai.server.web;

import java.util.List;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.web.model.Problem;
import ai.hokusai.server.web.model.ProblemFieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds every error response: an RFC 9457 problem whose {@code type} points at the code's section of the error
 * reference under the spec's production base URL.
 */
@Component
public class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final String typeBase;
    private final ProblemCatalog catalog;

    public ProblemResponses(ApiSpecDocument spec, ProblemCatalog catalog) {
        this.typeBase = spec.productionBaseUrl() + "/docs/errors.html#";
        this.catalog = catalog;
    }

    public ResponseEntity<Problem> build(ErrorCode code, String detail, HttpServletRequest request) {
        return build(code, detail, List.of(), new HttpHeaders(), request);
    }

    public ResponseEntity<Problem> build(ErrorCode code, String detail, List<FieldViolation> violations,
            HttpHeaders headers, HttpServletRequest request) {
        HttpStatus status = catalog.status(code);
        Problem problem = new Problem(typeBase + code.code(), catalog.title(code), status.value(), code.code(),
                RequestIds.of(request));
        problem.setDetail(detail);
        problem.setInstance(instanceOf(request));
        // Absent rather than empty when no field is at fault (nulls are not serialised).
        problem.setErrors(violations.isEmpty() ? null : violations.stream()
                .map(v -> new ProblemFieldError(v.pointer(), v.message()))
                .toList());
        return ResponseEntity.status(status).headers(headers).contentType(PROBLEM_JSON).body(problem);
    }

    private static String instanceOf(HttpServletRequest request) {
        Object forwarded = request.getAttribute("jakarta.servlet.error.request_uri");
        return forwarded != null ? forwarded.toString() : request.getRequestURI();
    }
}
