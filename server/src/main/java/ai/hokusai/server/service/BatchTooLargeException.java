package ai.hokusai.server.service;

/** A batch holds more inputs than the model's {@code max_batch_size}. */
public class BatchTooLargeException extends RuntimeException {

    private final int maxBatchSize;

    public BatchTooLargeException(int modelId, int size, int maxBatchSize) {
        super("The batch holds " + size + " inputs; model " + modelId + " accepts at most " + maxBatchSize + ".");
        this.maxBatchSize = maxBatchSize;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }
}
