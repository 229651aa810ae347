import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  HokusaiError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '../src/index.js';
import { clientFor, FakeFetch, LEAD, problem } from './fake-fetch.js';

async function failure(answer: Response, call: 'get' | 'predict' | 'createApiKey' = 'get'): Promise<HokusaiError> {
  const fake = new FakeFetch().answer(answer);
  const { client } = clientFor(fake, { maxRetries: 0 });
  const sent =
    call === 'get'
      ? client.models.get('21')
      : call === 'predict'
        ? client.predictions.create('21', LEAD)
        : client.apiKeys.create({ name: 'n', scopes: ['predict'] });
  const error = await sent.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HokusaiError);
  return error as HokusaiError;
}

describe('error mapping', () => {
  it.each([
    [401, 'invalid_api_key', AuthenticationError],
    [403, 'forbidden', PermissionError],
    [404, 'model_not_found', NotFoundError],
    [400, 'invalid_parameter', InvalidRequestError],
    [405, 'method_not_allowed', InvalidRequestError],
    [406, 'not_acceptable', InvalidRequestError],
    [408, 'request_timeout', InvalidRequestError],
    [409, 'slug_taken', InvalidRequestError],
    [413, 'batch_too_large', InvalidRequestError],
    [415, 'unsupported_media_type', InvalidRequestError],
    [422, 'invalid_input', InvalidRequestError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal_error', ServerError],
    [503, 'model_unavailable', ServerError],
  ])('maps %i %s to its class', async (status, code, type) => {
    const error = await failure(problem(status, code));

    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.requestId).toBe('req_problem');
    expect(error.message).toBe(`${code} happened (status ${status}, code ${code}, request req_problem)`);
  });

  it('maps 409 idempotency codes to IdempotencyError, still an InvalidRequestError', async () => {
    const conflict = await failure(problem(409, 'idempotency_conflict'), 'predict');
    const running = await failure(problem(409, 'idempotency_in_progress', {}, { 'Retry-After': '2' }), 'predict');

    expect(conflict).toBeInstanceOf(IdempotencyError);
    expect(conflict).toBeInstanceOf(InvalidRequestError);
    expect((conflict as IdempotencyError).inProgress).toBe(false);
    expect((running as IdempotencyError).inProgress).toBe(true);
    expect((running as IdempotencyError).retryAfter).toBe(2);
  });

  it('gives the field errors of a 422 with their pointers', async () => {
    const error = await failure(
      problem(422, 'invalid_input', {
        errors: [
          { pointer: '/inputs/title', message: 'must be a string, not null' },
          { pointer: '/inputs/company_size', message: 'must be an integer, not a string' },
        ],
      }),
      'predict',
    );

    expect(error.fieldErrors).toEqual([
      { pointer: '/inputs/title', message: 'must be a string, not null' },
      { pointer: '/inputs/company_size', message: 'must be an integer, not a string' },
    ]);
    expect((error as InvalidRequestError).pointers).toEqual(['/inputs/title', '/inputs/company_size']);
  });

  it('names the missing scope of insufficient_scope from the spec', async () => {
    const error = await failure(problem(403, 'insufficient_scope'), 'createApiKey');

    expect((error as PermissionError).requiredScope).toBe('admin');
    expect(((await failure(problem(403, 'forbidden'))) as PermissionError).requiredScope).toBeNull();
  });

  it('maps by status when the body is no problem (a proxy page), with the header request id', async () => {
    const error = await failure(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'X-Request-Id': 'req_proxy' } }),
    );

    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBeNull();
    expect(error.requestId).toBe('req_proxy');
    expect(error.message).toBe('HTTP 502 (status 502, request req_proxy)');
  });

  it('says ServerError when a success cannot be read', async () => {
    const error = await failure(new Response('{not json', { status: 200, headers: { 'Content-Type': 'application/json' } }));

    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(200);
  });
});
