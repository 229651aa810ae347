package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The docs site the server serves (packaged by the docs module) explains every code the server can answer with. */
class ErrorReferencePageIT {

    @Test
    void everyCodeHasASectionOnTheDocsErrorPage() throws IOException {
        String page;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/docs/errors.html")) {
            assertThat(in).as("the docs site is on the server's classpath").isNotNull();
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(page).as("errors page section for %s", code.code()).contains("id=\"" + code.code() + "\"");
        }
    }
}
