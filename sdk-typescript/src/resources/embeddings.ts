import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { OpenAiEmbeddingList, OpenAiEmbeddingRequest, OpenAiModel, OpenAiModelList } from '../types.js';

/** {@link Embeddings}' calls, each answering a {@link RawResponse} (with `replayed` for an idempotent replay). */
export class EmbeddingsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  create(request: OpenAiEmbeddingRequest, options?: RequestOptions): Promise<RawResponse<OpenAiEmbeddingList>> {
    return this.transport.send({ operation: 'createOpenAiEmbeddings', body: request, options });
  }

  listModels(options?: RequestOptions): Promise<RawResponse<OpenAiModelList>> {
    return this.transport.send({ operation: 'listOpenAiModels', options });
  }

  getModel(model: string, options?: RequestOptions): Promise<RawResponse<OpenAiModel>> {
    return this.transport.send({ operation: 'getOpenAiModel', path: { model }, options });
  }
}

/**
 * Embeddings through the OpenAI-compatible routes (`/api/openai/v1`): the same vectors as a predict call on an
 * embedding model, with the tokens they cost by the model's own tokenizer. Every call is metered once and carries an
 * `Idempotency-Key`, so the SDK's retries never bill an embedding twice. Errors are this SDK's error classes.
 */
export class Embeddings {
  readonly #raw: EmbeddingsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new EmbeddingsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id and rate limit. */
  withRawResponse(): EmbeddingsWithRawResponse {
    return this.#raw;
  }

  /** Embeds one text or up to the model's `max_batch_size` texts with the model named by its number or slug. */
  async create(request: OpenAiEmbeddingRequest, options?: RequestOptions): Promise<OpenAiEmbeddingList> {
    return (await this.#raw.create(request, options)).value;
  }

  /** The embedding models the key may call. */
  async listModels(options?: RequestOptions): Promise<OpenAiModelList> {
    return (await this.#raw.listModels(options)).value;
  }

  /** One embedding model the key may call, by its number or slug. */
  async getModel(model: string, options?: RequestOptions): Promise<OpenAiModel> {
    return (await this.#raw.getModel(model, options)).value;
  }
}

/**
 * The numbers of one embedding as the answer holds them: an array (`encoding_format: 'float'`) or a base64 string of
 * little-endian float32 values (`'base64'`).
 */
export function embeddingVector(embedding: unknown): number[] {
  if (typeof embedding === 'string') {
    const binary = atob(embedding);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const vector: number[] = [];
    for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) {
      vector.push(view.getFloat32(offset, true));
    }
    return vector;
  }
  if (Array.isArray(embedding) && embedding.every((value) => typeof value === 'number')) {
    return embedding as number[];
  }
  throw new TypeError('not an embedding');
}
