package ai.hokusai.archfixture.service;

import java.time.Instant;

/** Breaks "time comes from the Clock bean": reads the system clock. */
public class WallClockReader {

    public Instant now() {
        return Instant.now();
    }
}
