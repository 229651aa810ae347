package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.yaml.snakeyaml.Yaml;

class RequestLogTest {

    private final RequestLog filter = new RequestLog();

    @Test
    void theRequestIdIsInTheLoggingContextForTheWholeRequestAndGoneAfter() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/models");
        request.addHeader("X-Request-Id", "trace-42");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> seenByHandler = new AtomicReference<>();

        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seenByHandler.set(MDC.get("request_id"));
            }
        }));

        assertThat(seenByHandler.get()).isEqualTo("trace-42");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("trace-42");
        assertThat(RequestLog.idOf(request)).isEqualTo("trace-42");
        assertThat(MDC.get("request_id")).isNull();
    }

    @Test
    void anAbsentOrMalformedIdIsReplacedByAGeneratedOne() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader("X-Request-Id", "bad id with spaces");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader("X-Request-Id")).matches("req_[a-z0-9]{20}");
    }

    @Test
    void everyLogLineCarriesTheRequestId() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.yml")) {
            Map<String, Object> config = new Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Object> pattern =
                    (Map<String, Object>) ((Map<String, Object>) config.get("logging")).get("pattern");
            assertThat((String) pattern.get("level")).contains("%X{request_id");
        }
    }
}
