package ai.hokusai.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock in tests: it follows the system clock until a test moves it forward or holds it still, so a
 * test waits for no window to turn. Only ever moves forward, so no record written under it goes back in time.
 */
public final class MovableClock extends Clock {

    /** The one clock of the in-process servers of this test run: they share a database, so they share time too. */
    public static final MovableClock SHARED = new MovableClock();

    private final Clock system = Clock.systemUTC();
    private Duration offset = Duration.ZERO;
    private Instant heldAt;

    public MovableClock() {}

    @Override
    public synchronized Instant instant() {
        return heldAt != null ? heldAt : system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }

    /** Moves time forward by {@code amount}, held or not. */
    public synchronized void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        if (heldAt != null) {
            heldAt = heldAt.plus(amount);
        } else {
            offset = offset.plus(amount);
        }
    }

    /**
     * Holds time still one second into the next UTC minute, so that minute- and hour-aligned windows cannot turn
     * during the test; {@link #release()} lets it run on from there.
     *
     * @return the held instant
     */
    public synchronized Instant holdAtStartOfNextMinute() {
        Instant now = instant();
        long next = (now.getEpochSecond() / 60 + 1) * 60;
        heldAt = Instant.ofEpochSecond(next + 1);
        return heldAt;
    }

    /** Lets held time run on from where it stands. */
    public synchronized void release() {
        if (heldAt != null) {
            offset = Duration.between(system.instant(), heldAt);
            if (offset.isNegative()) {
                offset = Duration.ZERO;
            }
            heldAt = null;
        }
    }

    /** Puts {@link #SHARED} in place of the server's system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsServerClock {

        @Bean
        @Primary
        MovableClock movableClock() {
            return SHARED;
        }
    }
}
