import { describe, expect, it } from 'vitest';
import { ConnectionError, Hokusai, RateLimitError, ServerError } from '../src/index.js';
import { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, retryDelayMs } from '../src/retry.js';
import { clientFor, FakeFetch, json, LEAD, predictResponse, problem, SCORE } from './fake-fetch.js';

const MODEL = { id: 21 };

describe('backoff', () => {
  it('doubles its bound from 500 ms up to 8 s, with full jitter', () => {
    const bounds = [0, 1, 2, 3, 4, 5, 10, 40].map((retry) => retryDelayMs(retry, null, () => 0.999999));
    expect(bounds).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999, 7999]);
    expect(retryDelayMs(3, null, () => 0)).toBe(0);
    expect(retryDelayMs(0, null, () => 0.5)).toBe(INITIAL_BACKOFF_MS / 2);
    expect(retryDelayMs(9, null, () => 0.5)).toBe(MAX_BACKOFF_MS / 2);
  });

  it('waits what Retry-After says instead', () => {
    expect(retryDelayMs(0, 12, () => 0.5)).toBe(12_000);
  });
});

describe('retries', () => {
  it('retries a 503 with backoff and answers the later success', async () => {
    const fake = new FakeFetch().answer(problem(503, 'model_unavailable'), problem(503, 'model_unavailable'), json(MODEL));
    const { client, waits } = clientFor(fake);

    await expect(client.models.get('21')).resolves.toEqual(MODEL);

    expect(fake.sent).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
  });

  it('waits Retry-After on a 429, then succeeds', async () => {
    const fake = new FakeFetch().answer(problem(429, 'rate_limited', {}, { 'Retry-After': '7' }), json(MODEL));
    const { client, waits } = clientFor(fake);

    await client.models.get('21');

    expect(waits).toEqual([7_000]);
  });

  it('reads an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const fake = new FakeFetch().answer(problem(429, 'rate_limited', {}, { 'Retry-After': at }), json(MODEL));
    const { client, waits } = clientFor(fake);

    await client.models.get('21');

    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(25_000);
    expect(waits[0]).toBeLessThanOrEqual(31_000);
  });

  it('does not wait out a Retry-After longer than a minute: the call fails at once with retryAfter', async () => {
    const fake = new FakeFetch().answer(
      problem(429, 'rate_limited', {}, { 'Retry-After': '1740', RateLimit: '"hour";r=0;t=1740' }),
    );
    const { client, waits } = clientFor(fake);

    const error = await client.models.get('21').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(1740);
    expect((error as RateLimitError).rateLimit).toMatchObject({ policy: 'hour', remaining: 0, resetSeconds: 1740 });
    expect(fake.sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not wait out a 503 whose Retry-After is longer than a minute either', async () => {
    const fake = new FakeFetch().answer(problem(503, 'model_unavailable', {}, { 'Retry-After': '600' }));
    const { client, waits } = clientFor(fake);

    const error = await client.models.get('21').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(fake.sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after maxRetries and throws the last answer as its error', async () => {
    const fake = new FakeFetch().answer(problem(429, 'rate_limited', {}, { 'Retry-After': '1' }));
    const { client, waits } = clientFor(fake, { maxRetries: 3 });

    await expect(client.models.get('21')).rejects.toBeInstanceOf(RateLimitError);

    expect(fake.sent).toHaveLength(4);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('never retries another status: a 500 may mean the work was partly done', async () => {
    const fake = new FakeFetch().answer(problem(500, 'internal_error'));
    const { client } = clientFor(fake);

    await expect(client.models.get('21')).rejects.toBeInstanceOf(ServerError);
    expect(fake.sent).toHaveLength(1);
  });

  it('retries a failed connection of a GET, and says ConnectionError when retries run out', async () => {
    const fake = new FakeFetch().answer(new TypeError('fetch failed'));
    const { client, waits } = clientFor(fake);

    const error = await client.models.get('21').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).status).toBe(0);
    expect(fake.sent).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
  });

  it('does not resend a POST without an idempotency key after a failed connection: it may have run', async () => {
    const fake = new FakeFetch().answer(new TypeError('fetch failed'));
    const { client } = clientFor(fake);

    await expect(client.apiKeys.create({ name: 'CRM', scopes: ['predict'] })).rejects.toBeInstanceOf(ConnectionError);
    expect(fake.sent).toHaveLength(1);
  });

  it('still retries that POST after a 429 or 503: they say it did not run', async () => {
    const fake = new FakeFetch().answer(problem(503, 'unavailable'), json({ id: 'k' }, 201));
    const { client } = clientFor(fake);

    await client.apiKeys.create({ name: 'CRM', scopes: ['predict'] });
    expect(fake.sent).toHaveLength(2);
  });

  it('resends a predict after a failed connection, with the same Idempotency-Key and body', async () => {
    const fake = new FakeFetch().answer(new TypeError('fetch failed'), problem(503, 'x'), json(predictResponse(SCORE)));
    const { client } = clientFor(fake);

    await client.predictions.create('21', LEAD);

    expect(fake.sent).toHaveLength(3);
    const keys = fake.sent.map((sent) => sent.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(fake.sent.map((sent) => sent.body)).toEqual([{ inputs: LEAD }, { inputs: LEAD }, { inputs: LEAD }]);
  });

  it('makes a new Idempotency-Key per logical call, and sends the caller\'s own when given', async () => {
    const fake = new FakeFetch().answer(json(predictResponse(SCORE)));
    const { client } = clientFor(fake);

    await client.predictions.create('21', LEAD);
    await client.predictions.create('21', LEAD);
    await client.predictions.create('21', LEAD, { idempotencyKey: 'lead-4711' });

    const [first, second, third] = fake.sent.map((sent) => sent.headers.get('Idempotency-Key'));
    expect(first).not.toBe(second);
    expect(third).toBe('lead-4711');
  });

  it('sends no Idempotency-Key where the spec gives none, even when asked', async () => {
    const fake = new FakeFetch().answer(json(MODEL, 201));
    const { client } = clientFor(fake);

    await client.models.get('21', { idempotencyKey: 'ignored' });
    await client.models.create(
      { slug: 'm', name: 'n', task: 't', input_schema: {}, output_schema: {} },
      { idempotencyKey: 'ignored' },
    );

    expect(fake.sent.map((sent) => sent.headers.has('Idempotency-Key'))).toEqual([false, false]);
  });

  it('follows maxRetries per call', async () => {
    const fake = new FakeFetch().answer(problem(503, 'x'));
    const { client } = clientFor(fake);

    await expect(client.models.get('21', { maxRetries: 0 })).rejects.toBeInstanceOf(ServerError);
    expect(fake.sent).toHaveLength(1);
  });

  it('times out one attempt, retries it, and says so', async () => {
    const hang = (_: unknown, signal: AbortSignal | undefined): Promise<Response> =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const fake = new FakeFetch().answer(hang, json(MODEL));
    const { client } = clientFor(fake);

    await expect(client.models.get('21', { timeout: 20 })).resolves.toEqual(MODEL);
    expect(fake.sent).toHaveLength(2);

    const alwaysHangs = new FakeFetch().answer(hang);
    const { client: patient } = clientFor(alwaysHangs, { maxRetries: 0, timeout: 20 });
    await expect(patient.models.get('21')).rejects.toThrow(/within 20 ms/);
  });

  it('stops at once when the caller aborts, also while waiting between attempts', async () => {
    const controller = new AbortController();
    const fake = new FakeFetch().answer(problem(503, 'x'));
    const client = new Hokusai({
      apiKey: 'k',
      baseUrl: 'http://hokusai.test',
      fetch: fake.fetch,
      sleep: async () => {
        controller.abort(new Error('caller gave up'));
        throw controller.signal.reason;
      },
    });

    await expect(client.models.get('21', { signal: controller.signal })).rejects.toThrow('caller gave up');
    await expect(client.models.get('21', { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(fake.sent).toHaveLength(1);
  });
});
