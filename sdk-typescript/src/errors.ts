import type { RateLimit } from './headers.js';

/** One invalid field of a request, as the server named it. */
export interface FieldError {
  /**
   * A JSON pointer into the request body (for example `/inputs/company_size`), or `#/path/<name>`,
   * `#/query/<name>`, `#/header/<name>` for a parameter.
   */
  readonly pointer: string;
  /** What is wrong with the field. */
  readonly message: string;
}

export interface HokusaiErrorDetails {
  readonly status: number;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly fieldErrors?: readonly FieldError[];
  readonly headers?: Headers | null;
  readonly cause?: unknown;
}

/**
 * Every failure of a Hokusai call. Catch a subclass (`instanceof`) to react to one kind of failure, or this class to
 * handle them all; quote `requestId` to support.
 */
export class HokusaiError extends Error {
  /** The HTTP status of the answer, or 0 when no answer arrived. */
  readonly status: number;
  /** The problem's stable, machine-readable code (for example `model_not_found`), or null. */
  readonly code: string | null;
  /** The id the server logged this request under, or null when no answer arrived. */
  readonly requestId: string | null;
  /** One entry per invalid field; empty unless the request was invalid. */
  readonly fieldErrors: readonly FieldError[];
  /** The answer's headers, or null when no answer arrived. */
  readonly headers: Headers | null;

  constructor(message: string, details: HokusaiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.fieldErrors = Object.freeze([...(details.fieldErrors ?? [])]);
    this.headers = details.headers ?? null;
  }
}

/** The API key is missing, unknown, expired or revoked (HTTP 401). */
export class AuthenticationError extends HokusaiError {}

/**
 * The key is valid but may not do this (HTTP 403): it lacks the scope the operation needs (`insufficient_scope`;
 * `requiredScope` names it, from the operation's `x-required-scope`), or the object belongs to another key or account
 * (`forbidden`).
 */
export class PermissionError extends HokusaiError {
  /** The scope the key lacks; null unless the code is `insufficient_scope`. */
  readonly requiredScope: string | null;

  constructor(message: string, details: HokusaiErrorDetails & { readonly requiredScope?: string | null }) {
    super(message, details);
    this.requiredScope = details.requiredScope ?? null;
  }
}

/** No model, deployment, key, account or record answers to the reference (HTTP 404). */
export class NotFoundError extends HokusaiError {}

/**
 * The request cannot be served as sent: a parameter or input breaks its schema (400, 422), the method or media type
 * is wrong (405, 415), the batch is too large (413), a conflict (409), or another 4xx. Sent again unchanged it fails
 * the same way; `fieldErrors` says what to fix.
 */
export class InvalidRequestError extends HokusaiError {
  /** The JSON pointers of the invalid fields, in the server's order. */
  get pointers(): string[] {
    return this.fieldErrors.map((error) => error.pointer);
  }
}

/**
 * The `Idempotency-Key` clashes with an earlier request (HTTP 409): used within 24 hours with another body
 * (`idempotency_conflict`: send the new request with a new key), or its first request is still running
 * (`idempotency_in_progress`: retry after `retryAfter` seconds to get that request's answer).
 */
export class IdempotencyError extends InvalidRequestError {
  static readonly CONFLICT = 'idempotency_conflict';
  static readonly IN_PROGRESS = 'idempotency_in_progress';

  /** Seconds to wait before retrying a request in progress (`Retry-After`), or null. */
  readonly retryAfter: number | null;

  constructor(message: string, details: HokusaiErrorDetails & { readonly retryAfter?: number | null }) {
    super(message, details);
    this.retryAfter = details.retryAfter ?? null;
  }

  static isIdempotencyCode(code: string | null): boolean {
    return code === IdempotencyError.CONFLICT || code === IdempotencyError.IN_PROGRESS;
  }

  /** True when the first request with this key is still running, so the same request may be retried later. */
  get inProgress(): boolean {
    return this.code === IdempotencyError.IN_PROGRESS;
  }
}

/** The key sent more requests than its quota allows (HTTP 429), and the retries ran out or the wait was too long. */
export class RateLimitError extends HokusaiError {
  /** Seconds the server asked to wait before the next request (`Retry-After`), or null when it did not say. */
  readonly retryAfter: number | null;
  /** The exhausted policy (which one, its quota and when it resets), when the answer described it. */
  readonly rateLimit: RateLimit | null;

  constructor(
    message: string,
    details: HokusaiErrorDetails & { readonly retryAfter?: number | null; readonly rateLimit?: RateLimit | null },
  ) {
    super(message, details);
    this.retryAfter = details.retryAfter ?? null;
    this.rateLimit = details.rateLimit ?? null;
  }
}

/** The server failed (HTTP 5xx), or answered in a way this SDK cannot read. Quote the request id to support. */
export class ServerError extends HokusaiError {}

/**
 * No answer arrived: the connection failed, was cut, or timed out, and the retries ran out. A POST may still have
 * reached the server; sending it again with the same idempotency key is safe.
 */
export class ConnectionError extends HokusaiError {
  constructor(message: string, cause?: unknown) {
    super(message, { status: 0, code: null, requestId: null, cause });
  }
}
