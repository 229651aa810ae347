package ai.hokusai.server.web;

import ai.hokusai.server.web.model.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a handler (raised by the servlet container or a filter) are forwarded here by the
 * container; they get the same problem body as everything else instead of a Whitelabel page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    public ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 404;
        ErrorCode errorCode = switch (code) {
            case 400 -> ErrorCode.INVALID_PARAMETER;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        String detail = errorCode == ErrorCode.INTERNAL_ERROR
                ? "An unexpected error occurred. Quote the request id to support."
                : errorCode == ErrorCode.INVALID_PARAMETER ? "The request could not be read." : errorCode.title() + ".";
        return problems.build(errorCode, detail, request);
    }
}
