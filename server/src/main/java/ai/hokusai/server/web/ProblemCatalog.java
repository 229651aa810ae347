package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What each {@link ErrorCode} means on the wire — its HTTP status and title — read from the spec's
 * {@code Problem.x-problem-codes}, the table the docs' error page is rendered from too. A code the spec does not
 * describe stops the server at start-up, so no answer can carry a status nobody documented.
 */
@Component
public class ProblemCatalog {

    /** One code's wire form. */
    public record Entry(HttpStatus status, String title) {}

    private final Map<ErrorCode, Entry> entries = new EnumMap<>(ErrorCode.class);

    public ProblemCatalog(ApiSpecDocument spec) {
        Map<String, Object> documented = spec.problemCodes();
        for (ErrorCode code : ErrorCode.values()) {
            if (!(documented.get(code.code()) instanceof Map<?, ?> entry)) {
                throw new IllegalStateException(
                        "The spec's Problem.x-problem-codes does not describe '" + code.code() + "'");
            }
            entries.put(code, new Entry(HttpStatus.valueOf(((Number) entry.get("status")).intValue()), (String)
                    entry.get("title")));
        }
    }

    public HttpStatus status(ErrorCode code) {
        return entries.get(code).status();
    }

    public String title(ErrorCode code) {
        return entries.get(code).title();
    }

    /**
     * The code for an error the servlet container raised itself, before any handler ran. What the container refuses
     * as unreadable or unsupported — a bad header or request line (400, 417, 431), a transfer coding or method it
     * does not implement (501), another HTTP version (505) — is the client's {@code bad_request}, answered with that
     * code's documented status; only a 500 is ours.
     */
    public static ErrorCode forContainerStatus(int status) {
        return switch (status) {
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 408 -> ErrorCode.REQUEST_TIMEOUT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 501, 505 -> ErrorCode.BAD_REQUEST;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }
}
