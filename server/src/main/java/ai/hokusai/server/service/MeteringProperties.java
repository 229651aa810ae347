package ai.hokusai.server.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of metering ({@code hokusai.metering.*}).
 *
 * @param bufferCapacity  predict calls that may wait to be written; when all are taken, new predictions are refused
 *                        with 503 rather than served unmetered
 * @param batchSize       rows per insert
 * @param flushInterval   the longest a record waits for companions before its batch is written
 * @param maxBackoff      the longest pause between attempts while the database is down
 * @param shutdownTimeout how long a graceful shutdown keeps trying to write what is buffered before it spills the
 *                        rest to {@code <data-dir>/metering-spill}, written at the next start
 * @param storePayloads   whether inputs and outputs are kept with each record
 * @param payloadMaxChars inputs and outputs longer than this are cut (and marked {@code payload_truncated})
 */
@ConfigurationProperties(prefix = "hokusai.metering")
public record MeteringProperties(
        @DefaultValue("10000") int bufferCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("100ms") Duration flushInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("true") boolean storePayloads,
        @DefaultValue("4096") int payloadMaxChars) {
}
