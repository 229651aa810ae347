import {
  AuthenticationError,
  HokusaiError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  type FieldError,
  type HokusaiErrorDetails,
} from './errors.js';
import { OPERATIONS, type OperationId } from './generated/spec.js';
import { parseRateLimit, parseRetryAfter } from './headers.js';

interface ProblemBody {
  readonly detail?: unknown;
  readonly title?: unknown;
  readonly code?: unknown;
  readonly status?: unknown;
  readonly request_id?: unknown;
  readonly errors?: unknown;
}

/**
 * The problem in the body, or null when the body is empty or not a problem (a proxy's HTML page, say). The
 * OpenAI-compatible routes answer in OpenAI's error shape, `{"error": {message, type, code, param, request_id}}`: the
 * same code, detail and request id, read as the problem it stands for (`param` its field error).
 */
function parseProblem(text: string): ProblemBody | null {
  if (text.trim() === '') return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const openAi = (parsed as { error?: unknown }).error;
    if (typeof openAi === 'object' && openAi !== null && !Array.isArray(openAi)) {
      const error = openAi as { message?: unknown; code?: unknown; param?: unknown; request_id?: unknown };
      if (error.code === undefined) return null;
      return {
        detail: error.message,
        code: error.code,
        request_id: error.request_id,
        errors: typeof error.param === 'string' ? [{ pointer: error.param, message: error.message }] : undefined,
      };
    }
    const problem = parsed as ProblemBody;
    return problem.status === undefined && problem.code === undefined ? null : problem;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is { pointer?: unknown; message?: unknown } => typeof item === 'object' && item !== null)
    .map((item) => ({ pointer: text(item.pointer) ?? '', message: text(item.message) ?? '' }));
}

/**
 * The error that says what a failed answer means. The status decides the class, so an answer without a problem body
 * still maps; the problem body, when there is one, adds the stable `code`, the detail and the field errors.
 */
export function toError(operation: OperationId, status: number, headers: Headers, body: string): HokusaiError {
  const problem = parseProblem(body);
  const code = text(problem?.code);
  const requestId = text(problem?.request_id) ?? headers.get('X-Request-Id');
  const details: HokusaiErrorDetails = { status, code, requestId, fieldErrors: fieldErrors(problem?.errors), headers };
  let message = text(problem?.detail) ?? text(problem?.title) ?? `HTTP ${status}`;
  message += ` (status ${status}${code === null ? '' : `, code ${code}`}${requestId === null ? '' : `, request ${requestId}`})`;

  switch (status) {
    case 401:
      return new AuthenticationError(message, details);
    case 403:
      return new PermissionError(message, {
        ...details,
        // The spec names the missing scope in x-required-scope; the detail says it too, but for people.
        requiredScope: code === 'insufficient_scope' ? OPERATIONS[operation].requiredScope : null,
      });
    case 404:
      return new NotFoundError(message, details);
    case 409:
      return IdempotencyError.isIdempotencyCode(code)
        ? new IdempotencyError(message, { ...details, retryAfter: parseRetryAfter(headers) })
        : new InvalidRequestError(message, details);
    case 429:
      return new RateLimitError(message, {
        ...details,
        retryAfter: parseRetryAfter(headers),
        rateLimit: parseRateLimit(headers),
      });
    default:
      return status >= 400 && status < 500 ? new InvalidRequestError(message, details) : new ServerError(message, details);
  }
}
