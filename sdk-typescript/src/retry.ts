/**
 * Which answers are worth another attempt, and how long to wait before it.
 *
 * Only a failed connection, 429 and 503 are retried: they say nothing about the request itself, so the same request
 * may succeed later. Every other status would fail again, and a 500 may mean the work was partly done.
 */
export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/**
 * The longest `Retry-After` a retry waits out. A longer one is a quota reset, not a hiccup: waiting it out silently
 * would look like a hang, and retrying sooner would only be refused again, so the call fails at once with
 * `RateLimitError.retryAfter` for the caller to decide.
 */
export const MAX_RETRY_AFTER_SECONDS = 60;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * The wait in milliseconds before retry number `retry` (0 for the first): the server's `Retry-After` when it gave one,
 * else exponential backoff with full jitter, so that clients that failed together do not come back together.
 *
 * @param random uniform in [0, 1)
 */
export function retryDelayMs(retry: number, retryAfterSeconds: number | null, random: () => number): number {
  if (retryAfterSeconds !== null) {
    return retryAfterSeconds * 1000;
  }
  const bound = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.min(retry, 20));
  return Math.floor(bound * random());
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
