package ai.hokusai.server.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of metering ({@code hokusai.metering.*}).
 *
 * @param bufferCapacity  predict calls that may wait to be written; when all are taken, new predictions are refused
 *                        with 503 rather than served unmetered
 * @param batchSize       the most rows one group commit inserts
 * @param writers         writer threads, each inserting its own batches: with more than one, while one batch
 *                        commits the next is inserted by another, at the price of smaller batches
 * @param commitTimeout   how long an answered call waits for the commit of its record before it is refused with 503
 *                        instead (while the database is down)
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
        @DefaultValue("1") int writers,
        @DefaultValue("2s") Duration commitTimeout,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("true") boolean storePayloads,
        @DefaultValue("4096") int payloadMaxChars) {}
