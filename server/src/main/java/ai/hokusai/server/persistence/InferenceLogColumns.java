package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rows of {@code inference_logs} as one array per column, each value as the text PostgreSQL reads for its type: a
 * batch of any size is then one statement with the same 17 parameters ({@code unnest} turns the arrays back into
 * rows), which the database parses and plans once per connection instead of once per batch size.
 */
public record InferenceLogColumns(
        String[] ids,
        String[] apiKeyIds,
        String[] modelIds,
        String[] deploymentIds,
        String[] modelVersions,
        String[] requestIds,
        String[] idempotencyKeys,
        String[] statuses,
        String[] errorCodes,
        String[] latenciesMs,
        String[] predictionCounts,
        String[] inputPayloads,
        String[] outputPayloads,
        String[] payloadsTruncated,
        String[] startedAt,
        String[] completedAt,
        String[] tokenCounts) {

    public static InferenceLogColumns of(List<InferenceLogRecord> rows) {
        return new InferenceLogColumns(
                column(rows, InferenceLogRecord::id),
                column(rows, InferenceLogRecord::apiKeyId),
                column(rows, InferenceLogRecord::modelId),
                column(rows, InferenceLogRecord::deploymentId),
                column(rows, InferenceLogRecord::modelVersion),
                column(rows, InferenceLogRecord::requestId),
                column(rows, InferenceLogRecord::idempotencyKey),
                column(rows, InferenceLogRecord::status),
                column(rows, InferenceLogRecord::errorCode),
                column(rows, InferenceLogRecord::latencyMs),
                column(rows, InferenceLogRecord::predictionCount),
                column(rows, InferenceLogRecord::inputPayload),
                column(rows, InferenceLogRecord::outputPayload),
                column(rows, InferenceLogRecord::payloadTruncated),
                column(rows, InferenceLogRecord::startedAt),
                column(rows, InferenceLogRecord::completedAt),
                column(rows, InferenceLogRecord::tokenCount));
    }

    /** UUIDs, numbers, booleans and ISO-8601 timestamps (seconds always written) as text; null stays null. */
    private static String[] column(List<InferenceLogRecord> rows, Function<InferenceLogRecord, Object> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            Object v = value.apply(rows.get(i));
            column[i] = v instanceof OffsetDateTime time
                    ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)
                    : Objects.toString(v, null);
        }
        return column;
    }
}
