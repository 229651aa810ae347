/** The `fetch` the SDK sends through: the platform's by default, or yours (a proxy agent, a test double). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface HokusaiOptions {
  /**
   * The key sent as `Authorization: Bearer <key>` (`hk_live_…` or `hk_test_…`). Defaults to the `HOKUSAI_API_KEY`
   * environment variable.
   */
  apiKey?: string;
  /** Another server, such as `http://localhost:8080`; defaults to the contract's first server. */
  baseUrl?: string;
  /** Retries after a failed connection, a 429 or a 503; 0 disables them. Defaults to 2. */
  maxRetries?: number;
  /** How long one attempt may take, in milliseconds. Defaults to 30 000. */
  timeout?: number;
  /** Your own `fetch`; defaults to the platform's (`globalThis.fetch`, Node 20+). */
  fetch?: Fetch;
  /**
   * Where the warning goes the first time an operation answers with a `Deprecation` header. Defaults to
   * `process.emitWarning` (a `DeprecationWarning`, which `--no-deprecation` silences), or `console.warn` where
   * there is no `process`.
   */
  onWarning?: (message: string) => void;
  /** @internal waits between attempts; tests replace it */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @internal uniform in [0, 1), the jitter of the backoff; tests replace it */
  random?: () => number;
}

/** Options of one call, overriding the client's. */
export interface RequestOptions {
  /** Another key for this call. */
  apiKey?: string;
  /**
   * The `Idempotency-Key` of this call, for operations that take one (`predictions.create…`, `outcomes.report`);
   * without it the SDK makes one per call and resends it on every retry. Other operations ignore it.
   */
  idempotencyKey?: string;
  /** Your id for this request (`X-Request-Id`), echoed back and quoted in errors. */
  requestId?: string;
  /** How long one attempt may take, in milliseconds. */
  timeout?: number;
  /** Retries of this call. */
  maxRetries?: number;
  /** Aborts the call, its retries and the waits between them; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}
