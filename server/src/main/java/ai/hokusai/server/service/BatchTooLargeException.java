package ai.hokusai.server.service;

import ai.hokusai.server.error.DomainException;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.error.FieldViolation;
import java.util.List;

/** A batch holds more inputs than the model's {@code max_batch_size}. */
public class BatchTooLargeException extends DomainException {

    public BatchTooLargeException(int modelId, int size, int maxBatchSize) {
        this(modelId, size, maxBatchSize, "/inputs");
    }

    /** @param pointer where the batch is in the request body */
    public BatchTooLargeException(int modelId, int size, int maxBatchSize, String pointer) {
        super(
                ErrorCode.BATCH_TOO_LARGE,
                "The batch holds " + size + " inputs; model " + modelId + " accepts at most " + maxBatchSize + ".",
                List.of(new FieldViolation(pointer, "at most " + maxBatchSize + " items")),
                null,
                null);
    }
}
