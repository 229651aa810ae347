import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { Outcome, OutcomeRequest } from '../types.js';

/** {@link Outcomes}' calls, each answering a {@link RawResponse} (with `replayed` for an idempotent replay). */
export class OutcomesWithRawResponse {
  constructor(private readonly transport: Transport) {}

  report(outcome: OutcomeRequest, options?: RequestOptions): Promise<RawResponse<Outcome>> {
    return this.transport.send({ operation: 'reportOutcome', body: outcome, options });
  }
}

/** What really happened to scored inputs, reported back by the key that asked. */
export class Outcomes {
  readonly #raw: OutcomesWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new OutcomesWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id, rate limit and replay flag. */
  withRawResponse(): OutcomesWithRawResponse {
    return this.#raw;
  }

  /**
   * Reports the outcome of one prediction: its `inference_log_id`, the observed `outcome_score` (0 to 1; for
   * `conversion`, 1 converted) and the `outcome_type`. Carries an `Idempotency-Key`, so retries record it once.
   */
  async report(outcome: OutcomeRequest, options?: RequestOptions): Promise<Outcome> {
    return (await this.#raw.report(outcome, options)).value;
  }
}
