import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { UsageParams, UsageReport } from '../types.js';

/** {@link Usage}'s calls, each answering a {@link RawResponse}. */
export class UsageWithRawResponse {
  constructor(private readonly transport: Transport) {}

  retrieve(params?: UsageParams, options?: RequestOptions): Promise<RawResponse<UsageReport>> {
    return this.transport.send({ operation: 'getUsage', query: params, options });
  }
}

/** Metered predictions, counted per model and per UTC day. A model's usage by account is `models.usage`. */
export class Usage {
  readonly #raw: UsageWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new UsageWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id and rate limit. */
  withRawResponse(): UsageWithRawResponse {
    return this.#raw;
  }

  /**
   * The caller's metered predict calls per model and per UTC day; an admin key may ask for another key of its account
   * (`key_id`) or for every key (`scope: 'account'`).
   */
  async retrieve(params?: UsageParams, options?: RequestOptions): Promise<UsageReport> {
    return (await this.#raw.retrieve(params, options)).value;
  }
}
