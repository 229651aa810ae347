import type { RawResponse } from './headers.js';

/**
 * Says once per operation, per client, when the server answers with a `Deprecation` header: the call (or fields of
 * its answer) will go away, on the `Sunset` date if the server gives one, and the link says how to migrate. The notice
 * itself is on every `RawResponse.deprecation`.
 */
export class DeprecationWarnings {
  private readonly warned = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  check(operationId: string, response: RawResponse<unknown>): void {
    const notice = response.deprecation;
    if (notice === null || this.warned.has(operationId)) return;
    this.warned.add(operationId);
    let message =
      `Hokusai API: ${operationId} answers with deprecated fields or is deprecated (Deprecation: ${notice.header})`;
    if (notice.sunsetHeader !== null) message += `; removed after ${notice.sunsetHeader}`;
    if (notice.link !== null) message += `; how to migrate: ${notice.link}`;
    this.warn(message);
  }
}

interface WarningProcess {
  emitWarning?: (warning: string, options: { type: string; code: string }) => void;
}

/** `process.emitWarning` as a `DeprecationWarning` on Node, `console.warn` elsewhere. */
export function defaultWarn(message: string): void {
  const process = (globalThis as { process?: WarningProcess }).process;
  if (typeof process?.emitWarning === 'function') {
    process.emitWarning(message, { type: 'DeprecationWarning', code: 'HOKUSAI_DEPRECATED' });
  } else {
    console.warn(message);
  }
}
