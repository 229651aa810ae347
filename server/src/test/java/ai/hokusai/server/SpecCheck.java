package ai.hokusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.function.Function;

/**
 * Requests and answers checked against the published spec ({@link ApiSpecDocument}): the operation of the method and
 * path, its parameters and body schema for a request, and its status, media type and body schema for an answer.
 */
public final class SpecCheck {

    private static final OpenApiInteractionValidator SPEC = OpenApiInteractionValidator.createForInlineApiSpecification(
                    new ApiSpecDocument().text())
            .withResolveCombinators(true)
            .build();

    private SpecCheck() {}

    /**
     * Asserts that the answer is one the spec allows for the operation; the request is not checked (it may be one the
     * test sends on purpose off the spec, to be refused).
     *
     * @return the answer
     */
    public static TestHttp.Response valid(String method, String path, TestHttp.Response response) {
        List<String> offSpec = errors(validator -> validator.validateResponse(
                path,
                Request.Method.valueOf(method),
                answer(response.status(), response.header("Content-Type"), response.body())));
        assertThat(offSpec)
                .as("%s %s -> %s is valid against the spec", method, path, response)
                .isEmpty();
        return response;
    }

    /**
     * What the spec does not allow in a request sent with a JSON body ({@code null}: none) and in the answer it got;
     * empty when both are as the spec states them.
     */
    public static List<String> offSpec(String method, String path, String jsonBody, TestHttp.Response response) {
        return offSpec(method, path, jsonBody, response.status(), response.header("Content-Type"), response.body());
    }

    /** {@link #offSpec(String, String, String, TestHttp.Response)} for an answer given by its parts. */
    public static List<String> offSpec(
            String method, String path, String jsonBody, int status, String contentType, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        if (jsonBody != null) {
            request.withContentType("application/json").withBody(jsonBody);
        }
        return errors(validator -> validator.validate(request.build(), answer(status, contentType, body))).stream()
                .map(message -> method + " " + path + " -> " + status + ": " + message)
                .toList();
    }

    private static SimpleResponse answer(int status, String contentType, String body) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null) {
            answer.withContentType(contentType);
        }
        return answer.build();
    }

    /** The report's errors (with the validator's default levels, every message it has), each as key and message. */
    private static List<String> errors(Function<OpenApiInteractionValidator, ValidationReport> check) {
        return check.apply(SPEC).getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> "[" + message.getKey() + "] " + message.getMessage())
                .toList();
    }
}
