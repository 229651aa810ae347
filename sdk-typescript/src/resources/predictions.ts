import { ServerError } from '../errors.js';
import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { BatchPrediction, LeadScore, LeadScoringInput, Prediction, PredictResponse } from '../types.js';

/** A JSON object, the default shape of a prediction of a model this SDK has no type for. */
export type JsonObject = { [key: string]: unknown };

/** {@link Predictions}' calls, each answering a {@link RawResponse} (with `replayed` for an idempotent replay). */
export class PredictionsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  create(modelRef: string, lead: LeadScoringInput, options?: RequestOptions): Promise<RawResponse<Prediction<LeadScore>>>;
  create<TOutput = JsonObject>(
    modelRef: string,
    input: object,
    options?: RequestOptions,
  ): Promise<RawResponse<Prediction<TOutput>>>;
  async create<TOutput>(
    modelRef: string,
    input: object,
    options?: RequestOptions,
  ): Promise<RawResponse<Prediction<TOutput>>> {
    if (Array.isArray(input) || input === null || typeof input !== 'object') {
      throw new TypeError('input must be one JSON object; send an array with createBatch');
    }
    const response = await this.predict(modelRef, input, options);
    const { predictions } = response.value;
    if (typeof predictions !== 'object' || predictions === null || Array.isArray(predictions)) {
      throw unexpectedShape('one prediction object', response);
    }
    return response.withValue({ ...response.value, predictions: predictions as TOutput });
  }

  createBatch(
    modelRef: string,
    leads: readonly LeadScoringInput[],
    options?: RequestOptions,
  ): Promise<RawResponse<BatchPrediction<LeadScore>>>;
  createBatch<TOutput = JsonObject>(
    modelRef: string,
    inputs: readonly object[],
    options?: RequestOptions,
  ): Promise<RawResponse<BatchPrediction<TOutput>>>;
  async createBatch<TOutput>(
    modelRef: string,
    inputs: readonly object[],
    options?: RequestOptions,
  ): Promise<RawResponse<BatchPrediction<TOutput>>> {
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new RangeError('a batch needs at least one input');
    }
    const response = await this.predict(modelRef, inputs, options);
    const { predictions } = response.value;
    if (!Array.isArray(predictions) || predictions.length !== inputs.length) {
      throw unexpectedShape(`an array of ${inputs.length} predictions`, response);
    }
    return response.withValue({ ...response.value, predictions: predictions as TOutput[] });
  }

  private predict(modelRef: string, inputs: unknown, options?: RequestOptions): Promise<RawResponse<PredictResponse>> {
    return this.transport.send({ operation: 'predict', path: { modelRef }, body: { inputs }, options });
  }
}

function unexpectedShape(expected: string, response: RawResponse<unknown>): ServerError {
  return new ServerError(`The server answered with something other than ${expected}`, {
    status: response.status,
    code: null,
    requestId: response.requestId,
    headers: response.headers,
  });
}

/**
 * Predictions. Every call carries an `Idempotency-Key` (yours, or one the SDK makes per call), so the SDK's automatic
 * retries never run, or bill, a prediction twice.
 *
 * Model 21 (Sales Lead Scoring) takes a `LeadScoringInput` and answers a `LeadScore`; any other model takes its input
 * object and answers the output type you name: `create<Embedding>('minilm-embed', { text })`.
 */
export class Predictions {
  readonly #raw: PredictionsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new PredictionsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id, rate limit and replay flag. */
  withRawResponse(): PredictionsWithRawResponse {
    return this.#raw;
  }

  /** Scores one sales lead with model 21 (or another reference to it: its slug or a deployment UUID). */
  create(modelRef: string, lead: LeadScoringInput, options?: RequestOptions): Promise<Prediction<LeadScore>>;
  /** One input of any model, as the JSON object its input schema describes; `TOutput` is its output schema. */
  create<TOutput = JsonObject>(modelRef: string, input: object, options?: RequestOptions): Promise<Prediction<TOutput>>;
  async create<TOutput>(modelRef: string, input: object, options?: RequestOptions): Promise<Prediction<TOutput>> {
    return (await this.#raw.create<TOutput>(modelRef, input, options)).value;
  }

  /** Up to the model's `max_batch_size` leads in one call; the scores come back in input order. */
  createBatch(
    modelRef: string,
    leads: readonly LeadScoringInput[],
    options?: RequestOptions,
  ): Promise<BatchPrediction<LeadScore>>;
  /** Up to the model's `max_batch_size` inputs of any model in one call; the predictions come back in input order. */
  createBatch<TOutput = JsonObject>(
    modelRef: string,
    inputs: readonly object[],
    options?: RequestOptions,
  ): Promise<BatchPrediction<TOutput>>;
  async createBatch<TOutput>(
    modelRef: string,
    inputs: readonly object[],
    options?: RequestOptions,
  ): Promise<BatchPrediction<TOutput>> {
    return (await this.#raw.createBatch<TOutput>(modelRef, inputs, options)).value;
  }
}
