import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { ApiIndex, HealthStatus } from '../types.js';

/** {@link System}'s calls, each answering a {@link RawResponse}. */
export class SystemWithRawResponse {
  constructor(private readonly transport: Transport) {}

  index(options?: RequestOptions): Promise<RawResponse<ApiIndex>> {
    return this.transport.send({ operation: 'getApiIndex', options });
  }

  liveness(options?: RequestOptions): Promise<RawResponse<HealthStatus>> {
    return this.transport.send({ operation: 'getLiveness', options });
  }

  /** A `DOWN` answer comes back as a value too, with `status` 503, and is not retried: a probe reports the state now. */
  readiness(options?: RequestOptions): Promise<RawResponse<HealthStatus>> {
    return this.transport.send({
      operation: 'getReadiness',
      options: { ...options, maxRetries: 0 },
      valueStatuses: [503],
    });
  }

  openApiDocument(options?: RequestOptions): Promise<RawResponse<string>> {
    return this.transport.send({ operation: 'getOpenApiDocument', options });
  }
}

/** The server's index, its probes and its OpenAPI document; none of these needs a key. */
export class System {
  readonly #raw: SystemWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new SystemWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers and request id. */
  withRawResponse(): SystemWithRawResponse {
    return this.#raw;
  }

  /** The server's name and version, and links (relative to the base URL) to its docs, document, probes and API. */
  async index(options?: RequestOptions): Promise<ApiIndex> {
    return (await this.#raw.index(options)).value;
  }

  /** `UP` while the server process runs. */
  async liveness(options?: RequestOptions): Promise<HealthStatus> {
    return (await this.#raw.liveness(options)).value;
  }

  /** `UP` when the server can take traffic, `DOWN` (with the failing checks) when it cannot. */
  async readiness(options?: RequestOptions): Promise<HealthStatus> {
    return (await this.#raw.readiness(options)).value;
  }

  /** The OpenAPI document (YAML) this SDK, the server and the docs are generated from. */
  async openApiDocument(options?: RequestOptions): Promise<string> {
    return (await this.#raw.openApiDocument(options)).value;
  }
}
