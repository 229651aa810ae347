package ai.hokusai.server.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A shutdown keeps serving for {@code hokusai.shutdown-drain} after readiness has turned to {@code 503} (Spring Boot
 * refuses traffic as soon as the context starts closing), so load balancers take the instance out before it stops
 * accepting connections; only then does the web server's graceful shutdown begin.
 */
@Component
public class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    public ShutdownDrain(@Value("${hokusai.shutdown-drain:5s}") Duration drain) {
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!drain.isZero()) {
            log.info("Shutting down: readiness reports not ready; serving for {} s more", drain.toMillis() / 1000.0);
            try {
                Thread.sleep(drain.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before every other lifecycle, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
