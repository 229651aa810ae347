package ai.hokusai.server.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether this instance should get traffic, apart from its database: not before start-up has finished (the bootstrap
 * key and everything else that runs once the web server listens), and no longer once a shutdown has begun. A shutdown
 * first turns readiness to {@code 503} and keeps serving for {@code hokusai.shutdown-drain}, so load balancers take the
 * instance out before it stops accepting connections; only then does the web server's graceful shutdown begin.
 */
@Component
public class ReadinessState implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadinessState.class);

    private final Duration drain;
    private volatile boolean startedUp;
    private volatile boolean draining;
    private volatile boolean running;

    public ReadinessState(@Value("${hokusai.shutdown-drain:5s}") Duration drain) {
        this.drain = drain;
    }

    /** Start-up has finished: the application runners have run. */
    public boolean startedUp() {
        return startedUp;
    }

    /** The instance is shutting down and should receive no new traffic. */
    public boolean draining() {
        return draining;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        startedUp = true;
    }

    /** A context stopped and started again (as a test framework pauses an idle one) serves, and is ready, again. */
    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        if (!drain.isZero()) {
            log.info(
                    "Shutting down: readiness reports not ready; serving for {} s more before stopping",
                    drain.toMillis() / 1000.0);
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
