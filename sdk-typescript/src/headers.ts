/**
 * The key's quota as an answer told it: `RateLimit` names the policy closest to its limit, how many requests remain
 * in it and when its window resets; `RateLimit-Policy` adds that policy's quota and window
 * (draft-ietf-httpapi-ratelimit-headers).
 */
export interface RateLimit {
  /** The policy's name, such as `hour` or `minute`. */
  readonly policy: string;
  /** Requests left in the policy's current window. */
  readonly remaining: number;
  /** Seconds until the policy's window resets. */
  readonly resetSeconds: number;
  /** Requests the policy allows per window, when `RateLimit-Policy` said. */
  readonly quota: number | null;
  /** The policy's window in seconds, when `RateLimit-Policy` said. */
  readonly windowSeconds: number | null;
}

/**
 * The server's notice that a call, or fields of its answer, will go away: RFC 9745 `Deprecation` (since when),
 * RFC 8594 `Sunset` (until when) and the `Link` with `rel="deprecation"` (how to migrate).
 */
export interface Deprecation {
  /** The `Deprecation` header as sent, such as `@1796083200`. */
  readonly header: string;
  /** Since when, when the header is an RFC 9745 date (`@<seconds>`). */
  readonly deprecatedSince: Date | null;
  /** The `Sunset` header as sent, or null. */
  readonly sunsetHeader: string | null;
  /** When the deprecated call or fields stop working, when `Sunset` is a readable HTTP date. */
  readonly sunset: Date | null;
  /** The target of the `Link` whose relation is `deprecation`, or null. */
  readonly link: string | null;
}

/** `"hour";r=997;t=1740, "minute";…` as name → parameters, in header order. */
function parseItems(header: string): Map<string, Map<string, string>> {
  const items = new Map<string, Map<string, string>>();
  for (const item of header.split(',')) {
    const [rawName = '', ...parameters] = item.trim().split(';');
    const name = unquote(rawName.trim());
    if (name === '' || items.has(name)) continue;
    const values = new Map<string, string>();
    for (const parameter of parameters) {
      const separator = parameter.indexOf('=');
      if (separator > 0) {
        values.set(parameter.slice(0, separator).trim(), unquote(parameter.slice(separator + 1).trim()));
      }
    }
    items.set(name, values);
  }
  return items;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function count(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/**
 * The rate limit the headers describe, or null when they carry none (a call without a valid key) or one this SDK
 * cannot read: a quota it cannot read must not fail the call it came with.
 */
export function parseRateLimit(headers: Headers): RateLimit | null {
  const header = headers.get('RateLimit');
  if (header === null) return null;
  const [closest] = parseItems(header);
  if (closest === undefined) return null;
  const [policy, parameters] = closest;
  const remaining = count(parameters.get('r'));
  const reset = count(parameters.get('t'));
  if (remaining === null || reset === null) return null;
  const policyHeader = headers.get('RateLimit-Policy');
  const declared = policyHeader === null ? undefined : parseItems(policyHeader).get(policy);
  return {
    policy,
    remaining,
    resetSeconds: reset,
    quota: count(declared?.get('q')),
    windowSeconds: count(declared?.get('w')),
  };
}

/** The deprecation notice the headers carry, or null when there is no `Deprecation` header. */
export function parseDeprecation(headers: Headers): Deprecation | null {
  const header = headers.get('Deprecation');
  if (header === null) return null;
  const since = /^@(-?\d{1,15})$/.exec(header.trim());
  const sunsetHeader = headers.get('Sunset');
  return {
    header,
    deprecatedSince: since?.[1] === undefined ? null : new Date(Number(since[1]) * 1000),
    sunsetHeader,
    sunset: httpDate(sunsetHeader),
    link: deprecationLink(headers.get('Link')),
  };
}

/** The target of the link whose relation is `deprecation`, in a `Link` header (RFC 8288), or null. */
export function deprecationLink(header: string | null): string | null {
  if (header === null) return null;
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(link);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('deprecation')) return match[1];
  }
  return null;
}

/** `Retry-After` as seconds, from delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(headers: Headers | null, now: number = Date.now()): number | null {
  const value = headers?.get('Retry-After')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d{1,10}$/.test(value)) return Number(value);
  const at = httpDate(value);
  return at === null ? null : Math.max(0, Math.ceil((at.getTime() - now) / 1000));
}

/** An HTTP date (RFC 9110), which starts with the day's name; Date.parse alone would read '-3' as a year. */
function httpDate(value: string | null): Date | null {
  if (value === null || !/^[A-Za-z]{3}/.test(value.trim())) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at);
}

/**
 * A call's value with the HTTP answer it came in: the request id the server logged it under, the key's rate limit, a
 * deprecation notice, whether it was an idempotent replay, and every header. Each resource's `withRawResponse()` view
 * answers its calls in this one shape; the resource itself answers the value alone.
 */
export class RawResponse<T> {
  /** The key's quota after this call, when the answer carried the `RateLimit` headers. */
  readonly rateLimit: RateLimit | null;
  /** The server's notice that this call, or fields of its answer, will go away; null when there is none. */
  readonly deprecation: Deprecation | null;

  constructor(
    /** What the call answered: the value the resource's own method returns. */
    readonly value: T,
    /** The HTTP status of the answer. */
    readonly status: number,
    /** Every response header. */
    readonly headers: Headers,
  ) {
    this.rateLimit = parseRateLimit(headers);
    this.deprecation = parseDeprecation(headers);
  }

  /** The request id the server logged this call under (`X-Request-Id`); quote it to support. */
  get requestId(): string | null {
    return this.headers.get('X-Request-Id');
  }

  /**
   * True when this is the stored answer to an earlier call with the same `Idempotency-Key` (`Idempotent-Replayed`):
   * the call did not run again and was not metered again.
   */
  get replayed(): boolean {
    return this.headers.get('Idempotent-Replayed')?.toLowerCase() === 'true';
  }

  /** The same answer carrying another value: what the facade made of the wire value. */
  withValue<U>(value: U): RawResponse<U> {
    return new RawResponse(value, this.status, this.headers);
  }
}
