import { DeprecationWarnings } from './deprecation-warnings.js';
import { toError } from './error-mapping.js';
import { ConnectionError, ServerError } from './errors.js';
import { OPERATIONS, SDK_VERSION, type OperationId } from './generated/spec.js';
import { parseRetryAfter, RawResponse } from './headers.js';
import type { Fetch, RequestOptions } from './options.js';
import { isRetryableStatus, MAX_RETRY_AFTER_SECONDS, retryDelayMs } from './retry.js';

export const USER_AGENT = `hokusai-sdk-typescript/${SDK_VERSION}`;

type QueryValue = string | number | boolean | null | undefined;

/** One facade call: which operation of the spec, with which parameters and body. */
export interface Call {
  readonly operation: OperationId;
  readonly path?: Readonly<Record<string, string | number>>;
  readonly query?: object | undefined;
  readonly body?: unknown;
  readonly options?: RequestOptions | undefined;
  /** Statuses besides 2xx whose body is the value (the readiness probe's 503). */
  readonly valueStatuses?: readonly number[];
}

export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly fetch: Fetch;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly warn: (message: string) => void;
}

/**
 * Whether a request may be sent again after a connection failed, when it may have reached the server. GET, PUT,
 * PATCH and DELETE may (a repeat changes nothing more), and so may an operation that takes an `Idempotency-Key` (the
 * server answers a repeat with the first answer) and activating a deployment (activating the active one changes
 * nothing); any other POST (creating a key, a model or an account) only after answers that say it did not run (429,
 * 503).
 */
export function replayable(operation: OperationId): boolean {
  const spec = OPERATIONS[operation];
  return spec.method !== 'POST' || takesIdempotencyKey(operation) || operation === 'activateDeployment';
}

/** Whether the spec gives the operation an `Idempotency-Key` header. */
export function takesIdempotencyKey(operation: OperationId): boolean {
  return (OPERATIONS[operation].headers as readonly string[]).includes('Idempotency-Key');
}

/**
 * Sends one facade call: the operation table generated from the spec owns methods, paths and headers; this adds the
 * key, the User-Agent and the idempotency key, the per-attempt timeout and retries, and turns failures into
 * `HokusaiError`s.
 */
export class Transport {
  private readonly deprecations: DeprecationWarnings;

  constructor(private readonly config: TransportConfig) {
    this.deprecations = new DeprecationWarnings(config.warn);
  }

  async send<T>(call: Call): Promise<RawResponse<T>> {
    const spec = OPERATIONS[call.operation];
    const options = call.options ?? {};
    const takes = spec.headers as readonly string[];
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (spec.accept !== null) {
      headers['Accept'] = spec.accept === 'application/json' ? 'application/json, application/problem+json' : spec.accept;
    }
    if (spec.authenticated) {
      headers['Authorization'] = `Bearer ${options.apiKey ?? this.config.apiKey}`;
    }
    if (options.requestId !== undefined && takes.includes('X-Request-Id')) {
      headers['X-Request-Id'] = options.requestId;
    }
    if (takes.includes('Idempotency-Key')) {
      // Made once per logical call, so every retry is recognised as a repeat and runs (and bills) once.
      headers['Idempotency-Key'] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    }
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    const url = this.config.baseUrl + expandPath(spec.path, call.path ?? {}) + queryString(call.query);
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    const timeout = options.timeout ?? this.config.timeout;
    const mayReplay = replayable(call.operation);

    for (let retry = 0; ; retry++) {
      let answer: { response: Response; text: string };
      try {
        answer = await this.attempt(url, { method: spec.method, headers, body }, timeout, options.signal);
      } catch (failure) {
        if (failure instanceof ConnectionError && retry < maxRetries && mayReplay) {
          await this.config.sleep(retryDelayMs(retry, null, this.config.random), options.signal);
          continue;
        }
        throw failure;
      }
      const { response, text } = answer;
      if (response.ok || call.valueStatuses?.includes(response.status)) {
        const raw = new RawResponse<T>(this.parse(spec.accept, response, text) as T, response.status, response.headers);
        this.deprecations.check(call.operation, raw);
        return raw;
      }
      const retryAfter = parseRetryAfter(response.headers);
      const waitable = retryAfter === null || retryAfter <= MAX_RETRY_AFTER_SECONDS;
      if (retry < maxRetries && isRetryableStatus(response.status) && waitable) {
        await this.config.sleep(retryDelayMs(retry, retryAfter, this.config.random), options.signal);
        continue;
      }
      throw toError(call.operation, response.status, response.headers, text);
    }
  }

  /** One attempt, its body read in full within the timeout; a failure without an answer is a `ConnectionError`. */
  private async attempt(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | undefined },
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; text: string }> {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      const request: RequestInit = { method: init.method, headers: init.headers, signal: controller.signal };
      if (init.body !== undefined) request.body = init.body;
      const response = await this.config.fetch(url, request);
      const text = await response.text();
      return { response, text };
    } catch (failure) {
      if (signal?.aborted) {
        throw signal.reason;
      }
      const message = timedOut
        ? `No answer from the Hokusai API within ${timeout} ms (${init.method} ${url})`
        : `Could not reach the Hokusai API (${init.method} ${url}): ${describe(failure)}`;
      throw new ConnectionError(message, failure);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private parse(accept: string | null, response: Response, text: string): unknown {
    if (accept === null || response.status === 204 || text === '') {
      return undefined;
    }
    if (accept !== 'application/json') {
      return text;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (failure) {
      throw new ServerError(`The server's answer could not be read as JSON: ${describe(failure)}`, {
        status: response.status,
        code: null,
        requestId: response.headers.get('X-Request-Id'),
        headers: response.headers,
        cause: failure,
      });
    }
  }
}

function expandPath(template: string, parameters: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined || value === '') {
      throw new TypeError(`${name} is required`);
    }
    return encodeURIComponent(String(value));
  });
}

function queryString(query: object | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query) as [string, QueryValue | Date][]) {
    if (value === undefined || value === null) continue;
    search.append(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function describe(failure: unknown): string {
  if (failure instanceof Error) {
    const cause = failure.cause instanceof Error ? `: ${failure.cause.message}` : '';
    return failure.message + cause;
  }
  return String(failure);
}
