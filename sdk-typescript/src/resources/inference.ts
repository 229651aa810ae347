import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type {
  InferenceRequest,
  InferenceResponse,
  InferenceServerLive,
  InferenceServerMetadata,
  InferenceServerReady,
  TensorModelMetadata,
  TensorModelReady,
} from '../types.js';

/** {@link Inference}'s calls, each answering a {@link RawResponse} (with `replayed` for an idempotent replay). */
export class InferenceWithRawResponse {
  constructor(private readonly transport: Transport) {}

  serverMetadata(options?: RequestOptions): Promise<RawResponse<InferenceServerMetadata>> {
    return this.transport.send({ operation: 'getInferenceServerMetadata', options });
  }

  live(options?: RequestOptions): Promise<RawResponse<InferenceServerLive>> {
    return this.transport.send({ operation: 'getInferenceServerLive', options });
  }

  /** A not-ready answer comes back as a value too, with `status` 503, and is not retried. */
  ready(options?: RequestOptions): Promise<RawResponse<InferenceServerReady>> {
    return this.transport.send({
      operation: 'getInferenceServerReady',
      options: { ...options, maxRetries: 0 },
      valueStatuses: [503],
    });
  }

  metadata(model: string, version?: string, options?: RequestOptions): Promise<RawResponse<TensorModelMetadata>> {
    return version === undefined
      ? this.transport.send({ operation: 'getTensorModelMetadata', path: { model_name: model }, options })
      : this.transport.send({
          operation: 'getTensorModelVersionMetadata',
          path: { model_name: model, model_version: version },
          options,
        });
  }

  modelReady(model: string, version?: string, options?: RequestOptions): Promise<RawResponse<TensorModelReady>> {
    return version === undefined
      ? this.transport.send({ operation: 'getTensorModelReady', path: { model_name: model }, options })
      : this.transport.send({
          operation: 'getTensorModelVersionReady',
          path: { model_name: model, model_version: version },
          options,
        });
  }

  infer(
    model: string,
    request: InferenceRequest,
    version?: string,
    options?: RequestOptions,
  ): Promise<RawResponse<InferenceResponse>> {
    return version === undefined
      ? this.transport.send({ operation: 'inferTensors', path: { model_name: model }, body: request, options })
      : this.transport.send({
          operation: 'inferTensorsOfVersion',
          path: { model_name: model, model_version: version },
          body: request,
          options,
        });
  }
}

/**
 * Every model as named tensors, through the Open Inference Protocol (KServe v2) routes: the server's metadata, a
 * model's tensors, whether it is ready, and inference. Keys, scope (`predict`), limits and metering are those of predictions; every inference
 * carries an `Idempotency-Key`, so retries run it once.
 */
export class Inference {
  readonly #raw: InferenceWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new InferenceWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id, rate limit and replay flag. */
  withRawResponse(): InferenceWithRawResponse {
    return this.#raw;
  }

  /** The server's name, version and the protocol extensions it supports (none); needs no key. */
  async serverMetadata(options?: RequestOptions): Promise<InferenceServerMetadata> {
    return (await this.#raw.serverMetadata(options)).value;
  }

  /** Whether the server takes metadata and inference requests; needs no key. */
  async live(options?: RequestOptions): Promise<InferenceServerLive> {
    return (await this.#raw.live(options)).value;
  }

  /** Whether this server takes traffic (`ready` false while it cannot); needs no key. */
  async ready(options?: RequestOptions): Promise<InferenceServerReady> {
    return (await this.#raw.ready(options)).value;
  }

  /** The tensors the model (its number or slug) takes and returns; with `version`, of that deployment. */
  async metadata(model: string, version?: string, options?: RequestOptions): Promise<TensorModelMetadata> {
    return (await this.#raw.metadata(model, version, options)).value;
  }

  /** Whether the model (or that version of it) is live and ready to infer. */
  async modelReady(model: string, version?: string, options?: RequestOptions): Promise<TensorModelReady> {
    return (await this.#raw.modelReady(model, version, options)).value;
  }

  /** Runs the model's live deployment (or the one with `version`, when it is live) on the request's tensors. */
  async infer(
    model: string,
    request: InferenceRequest,
    version?: string,
    options?: RequestOptions,
  ): Promise<InferenceResponse> {
    return (await this.#raw.infer(model, request, version, options)).value;
  }
}
