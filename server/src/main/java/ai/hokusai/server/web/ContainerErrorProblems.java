package ai.hokusai.server.web;

import ai.hokusai.server.error.ErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * What Tomcat answers itself (a request it cannot parse, a body it cannot read) comes from the host's error report
 * valve; this replaces it, so those too are problems written by {@link ProblemAdvice}. See
 * docs/decisions/0001-container-error-valve.md.
 */
@Component
public class ContainerErrorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final HandlerExceptionResolver problems;
    private final ProblemCatalog catalog;

    public ContainerErrorProblems(
            @Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, ProblemCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The only one: Boot adds a plain one, and the host adds one of the class named here if none is there.
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemValve.class.getName());
                host.getPipeline().addValve(new ProblemValve(this));
            }
        });
    }

    private void report(Request request, Response response, Throwable failure) {
        ErrorCode code = failure instanceof SocketTimeoutException
                ? ErrorCode.REQUEST_TIMEOUT
                : ProblemCatalog.forContainerStatus(response.getStatus());
        String detail = switch (code) {
            case INTERNAL_ERROR -> "An unexpected error occurred. Quote the request id to support.";
            case REQUEST_TIMEOUT -> "The request body stalled.";
            case BAD_REQUEST ->
                failure instanceof IOException
                        ? "The request body could not be read: its framing is broken (a malformed chunk) or it ended "
                                + "early."
                        : "The request could not be read: check the URL's encoding and the size of its headers.";
            default -> catalog.title(code) + ".";
        };
        Exception answer = code == ErrorCode.INTERNAL_ERROR && failure instanceof Exception e
                ? e
                : new ProblemAdvice.Refusal(code, detail);
        boolean reachedTheApi = request.getAttribute(RequestLog.ATTRIBUTE) != null;
        if (!reachedTheApi) {
            RequestLog.assign(request, response);
        }
        // A request refused before the API saw it has no instance (and its path, which Spring decodes, may not decode).
        problems.resolveException(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRequestURI() {
                        return reachedTheApi ? super.getRequestURI() : "";
                    }
                },
                response,
                null,
                answer);
    }

    /** The host's error report valve: every error answered by the container is a problem. */
    public static class ProblemValve extends ErrorReportValve {

        private final ContainerErrorProblems problems;

        ProblemValve(ContainerErrorProblems problems) {
            this.problems = problems;
        }

        /** An answer that closes the connection before the body was read (a refused upload) does not drain it. */
        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            super.invoke(request, response);
            AtomicBoolean read = new AtomicBoolean();
            request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
            if (!read.get() && "close".equalsIgnoreCase(response.getHeader(HttpHeaders.CONNECTION))) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                problems.report(request, response, throwable);
                response.finishResponse();
            } catch (IOException | RuntimeException e) {
                // The connection is gone or the response already committed: nothing more can be said.
            }
        }
    }
}
