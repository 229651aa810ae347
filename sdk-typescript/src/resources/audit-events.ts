import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import { paginate } from '../pagination.js';
import type { Transport } from '../transport.js';
import type { AuditEvent, AuditEventList, AuditEventListParams } from '../types.js';

/** {@link AuditEvents}' calls, each answering a {@link RawResponse}. */
export class AuditEventsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  list(params?: AuditEventListParams, options?: RequestOptions): Promise<RawResponse<AuditEventList>> {
    return this.transport.send({ operation: 'listAuditEvents', query: params, options });
  }
}

/** Who changed what, when, and from which request; needs an `admin` key. */
export class AuditEvents {
  readonly #raw: AuditEventsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new AuditEventsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id and rate limit. */
  withRawResponse(): AuditEventsWithRawResponse {
    return this.#raw;
  }

  /** One page of events, newest first. */
  async list(params?: AuditEventListParams, options?: RequestOptions): Promise<AuditEventList> {
    return (await this.#raw.list(params, options)).value;
  }

  /** Every event matching `params`, newest first, fetching each further page when the iteration reaches it. */
  listAll(params: AuditEventListParams = {}, options?: RequestOptions): AsyncIterable<AuditEvent> {
    return paginate(params.cursor, async (cursor) => this.list({ ...params, cursor }, options));
  }
}
