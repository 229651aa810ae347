-- The tokens a call's texts cost the model, counted by its own tokenizer: what the OpenAI-compatible embeddings are
-- metered by. Null for a call that reads no text through a tokenizer (a tabular prediction) or that failed.
ALTER TABLE inference_logs ADD COLUMN token_count INTEGER CHECK (token_count >= 0);
