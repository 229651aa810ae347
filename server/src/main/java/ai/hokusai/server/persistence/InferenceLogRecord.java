package ai.hokusai.server.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code inference_logs}: one predict call. Its id is made before the answer is sent, so writing the row
 * again after a failed attempt changes nothing ({@code ON CONFLICT (id) DO NOTHING}).
 *
 * @param status    {@code succeeded} or {@code failed}
 * @param errorCode the problem code of a failed call
 * @param tokenCount the tokens the call's texts cost the model, by its own tokenizer; null when it reads no text
 */
public record InferenceLogRecord(
        UUID id,
        UUID apiKeyId,
        Integer modelId,
        UUID deploymentId,
        String modelVersion,
        String requestId,
        String idempotencyKey,
        String status,
        String errorCode,
        double latencyMs,
        int predictionCount,
        String inputPayload,
        String outputPayload,
        boolean payloadTruncated,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        Integer tokenCount) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
