package ai.hokusai.sdk;

import java.time.Duration;

/** Waits between attempts; a seam so tests can record the waits instead of sleeping through them. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
