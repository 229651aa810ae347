package ai.hokusai.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.ErrorCode;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before Spring sees them — a malformed URL encoding, an oversized header — would get
 * Tomcat's HTML error page. This replaces the host's error report valve, so they too answer a problem with a code
 * and a request id.
 */
@Component
public class ContainerErrorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String typeBase;
    private final ProblemCatalog catalog;

    public ContainerErrorProblems(ApiSpecDocument spec, ProblemCatalog catalog) {
        this.typeBase = spec.productionBaseUrl() + "/docs/errors.html#";
        this.catalog = catalog;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.getPipeline().addValve(new NoDrainValve()));
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            if (host instanceof org.apache.catalina.core.StandardHost standard) {
                // The host adds the valve named here unless one of that class is already in its pipeline.
                standard.setErrorReportValveClass(ProblemValve.class.getName());
                host.getPipeline().addValve(new ProblemValve(typeBase, catalog));
            }
        });
    }

    /**
     * After an answer that refuses a request whose body was not read (401 before the body, 413, 408), the container
     * would drain the rest of the body before closing — a blocking read that a stalled client turns into a worker
     * thread held until the connection times out. This valve gives the request a hook, under {@link #NO_DRAIN}, that
     * tells the container not to drain and to close the connection once the answer is written.
     */
    static final class NoDrainValve extends org.apache.catalina.valves.ValveBase {

        NoDrainValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            request.setAttribute(NO_DRAIN, (Runnable) () -> {
                coyote.action(org.apache.coyote.ActionCode.DISABLE_SWALLOW_INPUT, null);
                // Not draining marks the exchange as failed; the answer is being written by the caller, so no error
                // page may be dispatched on top of it.
                response.setErrorReported();
            });
            getNext().invoke(request, response);
        }
    }

    /** Request attribute: a {@link Runnable} that closes the connection after the answer, without draining the body. */
    static final String NO_DRAIN = ContainerErrorProblems.class.getName() + ".noDrain";

    /** Writes the problem body for an error no handler answered. */
    public static class ProblemValve extends ErrorReportValve {

        private final String typeBase;
        private final ProblemCatalog catalog;

        /** For Tomcat, which instantiates the host's error valve class by name when none is in the pipeline yet. */
        public ProblemValve() {
            this("", null);
        }

        ProblemValve(String typeBase, ProblemCatalog catalog) {
            this.typeBase = typeBase;
            this.catalog = catalog;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ErrorCode code = ProblemCatalog.forContainerStatus(status);
            if (catalog != null) {
                // The container's own status (417, 431, 501, 505 …) becomes the documented status of its code.
                status = catalog.status(code).value();
                response.setStatus(status);
            }
            String requestId = response.getHeader(RequestIds.HEADER) != null ? response.getHeader(RequestIds.HEADER)
                    : RequestIds.newId();
            String detail = code == ErrorCode.INTERNAL_ERROR
                    ? "An unexpected error occurred. Quote the request id to support."
                    : "The request could not be read: check the URL's encoding and the size of its headers.";
            try {
                response.setHeader(RequestIds.HEADER, requestId);
                response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    String title = catalog == null ? code.code() : catalog.title(code);
                    writer.write("{\"type\":\"" + typeBase + code.code() + "\",\"title\":\"" + title
                            + "\",\"status\":" + status + ",\"code\":\"" + code.code() + "\",\"request_id\":\""
                            + requestId + "\",\"detail\":\"" + detail + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the response already committed: nothing more can be said.
            }
        }
    }
}
