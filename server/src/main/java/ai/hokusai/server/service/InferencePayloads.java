package ai.hokusai.server.service;

import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.persistence.InferenceLogRecord;
import java.io.IOException;
import java.io.Writer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** What a metered call was asked and answered, as the JSON its record keeps, capped at {@code payload-max-chars}. */
final class InferencePayloads {

    private final MeteringProperties properties;
    private final JsonMapper json;

    InferencePayloads(MeteringProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The record of a call refused because it could not be metered in time. */
    static InferenceLogRecord failedInstead(InferenceLogRecord r) {
        return new InferenceLogRecord(
                r.id(),
                r.apiKeyId(),
                r.modelId(),
                r.deploymentId(),
                r.modelVersion(),
                r.requestId(),
                r.idempotencyKey(),
                InferenceLogRecord.FAILED,
                ErrorCode.METERING_UNAVAILABLE.code(),
                r.latencyMs(),
                0,
                r.inputPayload(),
                null,
                r.payloadTruncated(),
                r.startedAt(),
                r.completedAt(),
                r.tokenCount());
    }

    /** The call's input and output as JSON, each capped at {@code payload-max-chars}; none when payloads are off. */
    InferenceLogRecord withPayloads(InferenceLogRecord r, Object inputs, Object outputs) {
        if (!properties.storePayloads()) {
            return r;
        }
        int max = properties.payloadMaxChars();
        CappedJson input = inputs == null ? null : capped(inputs, max);
        CappedJson output = outputs == null ? null : capped(outputs, max);
        boolean truncated = (input != null && input.truncated()) || (output != null && output.truncated());
        return new InferenceLogRecord(
                r.id(),
                r.apiKeyId(),
                r.modelId(),
                r.deploymentId(),
                r.modelVersion(),
                r.requestId(),
                r.idempotencyKey(),
                r.status(),
                r.errorCode(),
                r.latencyMs(),
                r.predictionCount(),
                input == null ? null : input.text(),
                output == null ? null : output.text(),
                truncated,
                r.startedAt(),
                r.completedAt(),
                r.tokenCount());
    }

    private record CappedJson(String text, boolean truncated) {}

    /**
     * The value as JSON, cut at {@code max} characters. Writing stops there: a batch's payload is not written out
     * whole only to keep its first few kilobytes.
     */
    private CappedJson capped(Object value, int max) {
        CappedWriter writer = new CappedWriter(max);
        try {
            json.writeValue(writer, value);
        } catch (JacksonException e) {
            if (!writer.full) {
                throw e;
            }
        }
        return new CappedJson(writer.text.toString(), writer.full);
    }

    /** Keeps the first {@code max} characters written to it, then refuses more. */
    private static final class CappedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int max;
        private boolean full;

        CappedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int room = max - text.length();
            if (length > room) {
                text.append(chars, offset, Math.max(0, room));
                full = true;
                throw new Full();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        /**
         * Ends the writing at the cap. A new one each time (a shared instance would collect what Jackson attaches to
         * it), without a stack, which would cost more than the writing it saves.
         */
        private static final class Full extends IOException {
            Full() {
                super("payload-max-chars reached");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }
    }
}
