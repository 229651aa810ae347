package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.TestHttp;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Path;

/** Answers of the server checked against the spec's operation, status, media type and body schema. */
final class OpenAiSpecCheck {

    private static final OpenApiInteractionValidator SPEC = OpenApiInteractionValidator.createForSpecificationUrl(
                    Path.of("../api-spec/src/main/openapi/openapi.yaml")
                            .toAbsolutePath()
                            .normalize()
                            .toUri()
                            .toString())
            .build();

    private OpenAiSpecCheck() {}

    static TestHttp.Response valid(String method, String path, TestHttp.Response response) {
        SimpleResponse.Builder answer =
                SimpleResponse.Builder.status(response.status()).withBody(response.body());
        String contentType = response.header("Content-Type");
        if (contentType != null) {
            answer.withContentType(contentType);
        }
        ValidationReport report = SPEC.validateResponse(path, Request.Method.valueOf(method), answer.build());
        assertThat(report.getMessages())
                .as("%s %s -> %s is valid against the spec", method, path, response)
                .isEmpty();
        return response;
    }
}
