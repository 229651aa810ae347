package ai.hokusai.server.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.error.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body in full, without blocking a thread, before any handler runs: a client that sends part of a
 * body and stalls holds a connection but no worker thread, so stalled clients cannot starve the others. A body that
 * has arrived in full with its headers is taken as it is; the rest is read with servlet non-blocking I/O into memory (bounded by {@code hokusai.max-request-bytes}; larger is 413 and the
 * connection is closed), then the request is dispatched again with that body. A body that has not arrived in full
 * within {@code hokusai.body-read-timeout} is answered 408 and its connection closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
public class BodyBuffering extends OncePerRequestFilter {

    static final String BODY = BodyBuffering.class.getName() + ".body";
    private static final int CHUNK = 8192;

    private final long maxBytes;
    private final long timeoutMillis;
    private final ProblemWriter problems;

    public BodyBuffering(HokusaiProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestBytes();
        this.timeoutMillis = properties.bodyReadTimeout().toMillis();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(BODY) instanceof byte[] body) {
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !ProblemWriter.hasBody(request)
                || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(), request, response, true);
            return;
        }
        ServletInputStream in = request.getInputStream();
        Received received = readWhatHasArrived(in, request.getContentLengthLong());
        if (received.size() == request.getContentLengthLong()) {
            // Most bodies arrive with their headers: no thread could be held, so no asynchronous round trip.
            chain.doFilter(new BufferedRequest(request, received.bytes()), response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        async.addListener(new TimeoutAnswer(request, response));
        in.setReadListener(new Reader(in, received, async, request, response));
    }

    /**
     * Reads the part of a body of known length that the container holds already, without blocking: {@code available()}
     * reports only bytes read from the socket, and a read while any are there returns them without waiting. A body of
     * unknown length (chunked) is left to the non-blocking reader, which sees its end.
     */
    private static Received readWhatHasArrived(ServletInputStream in, long length) throws IOException {
        Received received = new Received(length > 0 && length <= CHUNK ? (int) length : CHUNK);
        if (length < 0) {
            return received;
        }
        while (received.size() < length && in.available() > 0) {
            if (received.readFrom(in, (int) Math.min(CHUNK, length - received.size()), length) < 0) {
                break;
            }
        }
        return received;
    }

    /**
     * The bytes of a body received so far, read straight into the array that holds them. The array grows no further
     * than the declared length, so a body that arrives in full is handed on as it is, without a copy.
     */
    private static final class Received extends ByteArrayOutputStream {

        Received(int size) {
            super(size);
        }

        /** Reads at most {@code max} bytes; returns the count read, or -1 at the end of the stream. */
        int readFrom(InputStream in, int max, long declared) throws IOException {
            if (buf.length - count < max) {
                long wanted = Math.max(2L * buf.length, (long) count + max);
                // Not past a declared length that holds this read: a body that arrives whole fills its array exactly.
                long capacity = declared >= (long) count + max ? Math.min(wanted, declared) : wanted;
                buf = Arrays.copyOf(buf, (int) capacity);
            }
            int n = in.read(buf, count, max);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        /** The bytes received, in an array of exactly their length. */
        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    private String tooLarge() {
        return "The request body is larger than " + maxBytes + " bytes.";
    }

    /** Collects the body as it arrives; dispatches the request once it is complete. */
    private final class Reader implements ReadListener {

        private final ServletInputStream in;
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final Received body;
        private boolean refused;

        Reader(ServletInputStream in, Received received, AsyncContext async, HttpServletRequest request,
                HttpServletResponse response) {
            this.in = in;
            this.body = received;
            this.async = async;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!refused && in.isReady()) {
                // One byte past the limit is enough to know the body is too large.
                int room = (int) Math.min(CHUNK, maxBytes + 1 - body.size());
                if (body.readFrom(in, room, request.getContentLengthLong()) < 0) {
                    return;
                }
                if (body.size() > maxBytes) {
                    refused = true;
                    problems.write(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(), request, response, true);
                    async.complete();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            long declared = request.getContentLengthLong();
            if (!refused && declared >= 0 && body.size() < declared) {
                // The client closed its side before the body it announced was complete; if it still reads, it learns
                // why (a half-closed connection can).
                refuse("The request body ended after " + body.size() + " of the " + declared
                        + " bytes its Content-Length announced.");
                return;
            }
            if (!refused) {
                request.setAttribute(BODY, body.bytes());
                async.dispatch();
            }
        }

        /**
         * The body could not be read: its framing is broken (a malformed chunk), or the client went away. The answer is
         * the client's fault, a 400 that closes the connection; to a client that is gone, it is written to nobody.
         */
        @Override
        public void onError(Throwable t) {
            if (!refused) {
                refuse("The request body could not be read: its framing is broken (for example a malformed chunk).");
            }
        }

        private void refuse(String detail) {
            refused = true;
            try {
                problems.write(ErrorCode.BAD_REQUEST, detail, request, response, true);
            } catch (IOException | RuntimeException gone) {
                // Nobody is left to answer.
            } finally {
                async.complete();
            }
        }
    }

    /** A body slower than the timeout: 408, and the connection is closed. */
    private final class TimeoutAnswer implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;

        TimeoutAnswer(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (request.getAttribute(BODY) == null) {
                problems.write(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in full within "
                        + timeoutMillis / 1000 + " s.", request, response, true);
                event.getAsyncContext().complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The request as the handlers see it: its body comes from memory. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = streamOf(new ByteArrayInputStream(body));
            }
            return stream;
        }

        private static ServletInputStream streamOf(ByteArrayInputStream bytes) {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read already");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }
    }
}
