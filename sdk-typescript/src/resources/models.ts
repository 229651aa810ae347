import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import { paginate } from '../pagination.js';
import type { Transport } from '../transport.js';
import type {
  Model,
  ModelCreateRequest,
  ModelHealth,
  ModelInfo,
  ModelList,
  ModelListParams,
  ModelUpdateRequest,
  ModelUsageParams,
  ModelUsageReport,
} from '../types.js';

/** {@link Models}' calls, each answering a {@link RawResponse}. */
export class ModelsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  list(params?: ModelListParams, options?: RequestOptions): Promise<RawResponse<ModelList>> {
    return this.transport.send({ operation: 'listModels', query: params, options });
  }

  get(modelRef: string, options?: RequestOptions): Promise<RawResponse<Model>> {
    return this.transport.send({ operation: 'getModel', path: { modelRef }, options });
  }

  create(model: ModelCreateRequest, options?: RequestOptions): Promise<RawResponse<Model>> {
    return this.transport.send({ operation: 'createModel', body: model, options });
  }

  update(modelRef: string, changes: ModelUpdateRequest, options?: RequestOptions): Promise<RawResponse<Model>> {
    return this.transport.send({ operation: 'updateModel', path: { modelRef }, body: changes, options });
  }

  info(modelRef: string, options?: RequestOptions): Promise<RawResponse<ModelInfo>> {
    return this.transport.send({ operation: 'getModelInfo', path: { modelRef }, options });
  }

  health(modelRef: string, options?: RequestOptions): Promise<RawResponse<ModelHealth>> {
    return this.transport.send({ operation: 'getModelHealth', path: { modelRef }, options });
  }

  warmUp(modelRef: string, options?: RequestOptions): Promise<RawResponse<ModelHealth>> {
    return this.transport.send({ operation: 'getModelHealth', path: { modelRef }, query: { warmup: true }, options });
  }

  usage(modelRef: string, params?: ModelUsageParams, options?: RequestOptions): Promise<RawResponse<ModelUsageReport>> {
    return this.transport.send({ operation: 'getModelUsage', path: { modelRef }, query: params, options });
  }
}

/**
 * The model registry. A model reference (`modelRef`) is the public model number (`'21'`), the slug (`'lscor-v2'`) or
 * the UUID of one of the model's deployments.
 */
export class Models {
  readonly #raw: ModelsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new ModelsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id, rate limit and deprecation notice. */
  withRawResponse(): ModelsWithRawResponse {
    return this.#raw;
  }

  /** One page of models, ordered by model number (the first without a `cursor`). */
  async list(params?: ModelListParams, options?: RequestOptions): Promise<ModelList> {
    return (await this.#raw.list(params, options)).value;
  }

  /**
   * Every model, from `params`' page on, fetching each further page when the iteration reaches it:
   * `for await (const model of client.models.listAll()) { … }`.
   */
  listAll(params: ModelListParams = {}, options?: RequestOptions): AsyncIterable<Model> {
    return paginate(params.cursor, async (cursor) => this.list({ ...params, cursor }, options));
  }

  async get(modelRef: string, options?: RequestOptions): Promise<Model> {
    return (await this.#raw.get(modelRef, options)).value;
  }

  /**
   * Registers a model (scope `models:write`); the server gives it the next public model number. It serves nothing
   * until a deployment of it is activated (`deployments.create`). Not retried after a dropped connection: the spec
   * gives this call no idempotency key.
   */
  async create(model: ModelCreateRequest, options?: RequestOptions): Promise<Model> {
    return (await this.#raw.create(model, options)).value;
  }

  /**
   * Changes a model's description, tags, batch limit, cache duration or visibility (scope `models:write`); fields
   * left out keep their value. Only the model's own account may.
   */
  async update(modelRef: string, changes: ModelUpdateRequest, options?: RequestOptions): Promise<Model> {
    return (await this.#raw.update(modelRef, changes, options)).value;
  }

  /** The facts to know before predicting: availability, artifact storage, batch limit. */
  async info(modelRef: string, options?: RequestOptions): Promise<ModelInfo> {
    return (await this.#raw.info(modelRef, options)).value;
  }

  /** Whether the model's artifact is loaded, without loading it. */
  async health(modelRef: string, options?: RequestOptions): Promise<ModelHealth> {
    return (await this.#raw.health(modelRef, options)).value;
  }

  /** Loads the model's artifact if needed, so the next prediction pays no loading cost. */
  async warmUp(modelRef: string, options?: RequestOptions): Promise<ModelHealth> {
    return (await this.#raw.warmUp(modelRef, options)).value;
  }

  /** For the model's owner: its predict calls per UTC day and per calling account (never inputs or outputs). */
  async usage(modelRef: string, params?: ModelUsageParams, options?: RequestOptions): Promise<ModelUsageReport> {
    return (await this.#raw.usage(modelRef, params, options)).value;
  }
}
