package ai.hokusai.server.web;

import ai.hokusai.server.error.ErrorCode;
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
    private final ProblemCatalog catalog;

    public ProblemErrorController(ProblemResponses problems, ProblemCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 404;
        ErrorCode errorCode = ProblemCatalog.forContainerStatus(code);
        String detail = errorCode == ErrorCode.INTERNAL_ERROR
                ? "An unexpected error occurred. Quote the request id to support."
                : errorCode == ErrorCode.BAD_REQUEST ? "The request could not be read." : catalog.title(errorCode) + ".";
        return problems.build(errorCode, detail, request);
    }
}
