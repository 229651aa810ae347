package ai.hokusai.server.web;

import java.io.IOException;
import java.util.List;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.web.model.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a problem from a servlet filter, where no exception handler runs: the same body {@link ProblemAdvice}
 * builds, written with the application's mapper. With {@code close}, the connection is closed after the answer, so
 * a body the server will never read does not keep the connection (and a thread draining it) busy.
 */
@Component
public class ProblemWriter {

    private final ProblemResponses problems;
    private final ProblemAdvice advice;
    private final JsonMapper json;

    public ProblemWriter(ProblemResponses problems, ProblemAdvice advice, JsonMapper json) {
        this.problems = problems;
        this.advice = advice;
        this.json = json;
    }

    /** Any failure, answered as {@link ProblemAdvice} would: a domain code, 503 while the database is down, else 500. */
    public void write(RuntimeException e, HttpServletRequest request, HttpServletResponse response, boolean close)
            throws IOException {
        ResponseEntity<Problem> answer;
        if (e instanceof DomainException domain) {
            answer = advice.domain(domain, request);
        } else if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof CannotCreateTransactionException) {
            answer = advice.storeUnavailable(e, request);
        } else {
            answer = advice.unexpected(e, request);
        }
        write(answer, request, response, close);
    }

    public void write(ErrorCode code, String detail, HttpServletRequest request, HttpServletResponse response,
            boolean close) throws IOException {
        write(problems.build(code, detail, List.of(), new HttpHeaders(), request), request, response, close);
    }

    private void write(ResponseEntity<Problem> answer, HttpServletRequest request, HttpServletResponse response,
            boolean close)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (close) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            if (request.getAttribute(ContainerErrorProblems.NO_DRAIN) instanceof Runnable noDrain) {
                noDrain.run();
            }
        }
        response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        byte[] body = json.writeValueAsBytes(answer.getBody());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Whether the request announced a body that has not been read. */
    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
