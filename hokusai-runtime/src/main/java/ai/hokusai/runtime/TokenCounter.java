package ai.hokusai.runtime;

/**
 * A model that reads text through its own tokenizer, and so can say how many tokens a text costs it: what the
 * OpenAI-compatible embeddings report as usage, and what they are metered by. Thread-safe, as models are.
 */
public interface TokenCounter {

    /** The tokens the model reads for {@code text}: special tokens included, after its truncation. */
    int tokens(String text);
}
