import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { Hokusai, HokusaiError } from '../src/index.js';
import { sleep } from '../src/retry.js';
import { FakeFetch, json } from './fake-fetch.js';

const SPEC = resolve(import.meta.dirname, '..', '..', 'api-spec', 'src', 'main', 'openapi', 'openapi.yaml');

describe('Hokusai', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('goes to the spec\'s first server by default', () => {
    const spec = parse(readFileSync(SPEC, 'utf8')) as { servers: { url: string }[] };

    expect(new Hokusai({ apiKey: 'k' }).baseUrl).toBe(spec.servers[0]?.url);
    expect(Hokusai.DEFAULT_BASE_URL).toBe(spec.servers[0]?.url);
  });

  it('reads the key from HOKUSAI_API_KEY when none is given', async () => {
    vi.stubEnv('HOKUSAI_API_KEY', 'hk_test_from_env');
    const fake = new FakeFetch().answer(json({ id: 21 }));

    await new Hokusai({ baseUrl: 'http://hokusai.test/', fetch: fake.fetch }).models.get('21');

    expect(fake.last.headers.get('Authorization')).toBe('Bearer hk_test_from_env');
    expect(fake.last.url.href).toBe('http://hokusai.test/api/v1/models/21');
  });

  it('sends a per-call key instead of the client\'s', async () => {
    const fake = new FakeFetch().answer(json({ id: 21 }));

    await new Hokusai({ apiKey: 'hk_a', baseUrl: 'http://hokusai.test', fetch: fake.fetch }).models.get('21', {
      apiKey: 'hk_b',
    });

    expect(fake.last.headers.get('Authorization')).toBe('Bearer hk_b');
  });

  it('sends no key to operations that need none', async () => {
    const fake = new FakeFetch().answer(json({ status: 'UP', checks: {} }));

    await new Hokusai({ apiKey: 'hk_a', baseUrl: 'http://hokusai.test', fetch: fake.fetch }).system.liveness();

    expect(fake.last.headers.has('Authorization')).toBe(false);
  });

  it('refuses to start without a key, or with settings that cannot work', () => {
    vi.stubEnv('HOKUSAI_API_KEY', '');
    expect(() => new Hokusai()).toThrow(/API key is required/);
    expect(() => new Hokusai({ apiKey: 'k', baseUrl: 'api.hokus.ai' })).toThrow(/absolute http/);
    expect(() => new Hokusai({ apiKey: 'k', maxRetries: -1 })).toThrow(RangeError);
    expect(() => new Hokusai({ apiKey: 'k', timeout: 0 })).toThrow(RangeError);
  });

  it('answers a DOWN readiness probe as a value, once', async () => {
    const fake = new FakeFetch().answer(json({ status: 'DOWN', checks: { database: 'DOWN' } }, 503));
    const client = new Hokusai({ apiKey: 'k', baseUrl: 'http://hokusai.test', fetch: fake.fetch });

    const response = await client.system.withRawResponse().readiness();

    expect(response.status).toBe(503);
    expect(response.value.status).toBe('DOWN');
    expect(fake.sent).toHaveLength(1);
  });

  it('reads the OpenAPI document as text', async () => {
    const fake = new FakeFetch().answer(
      new Response('openapi: 3.0.3\n', { headers: { 'Content-Type': 'application/yaml' } }),
    );
    const client = new Hokusai({ apiKey: 'k', baseUrl: 'http://hokusai.test', fetch: fake.fetch });

    await expect(client.system.openApiDocument()).resolves.toBe('openapi: 3.0.3\n');
    expect(fake.last.headers.get('Accept')).toBe('application/yaml');
  });

  it('answers void for 204s', async () => {
    const fake = new FakeFetch().answer(new Response(null, { status: 204 }));
    const client = new Hokusai({ apiKey: 'k', baseUrl: 'http://hokusai.test', fetch: fake.fetch });

    await expect(client.apiKeys.revoke('3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f')).resolves.toBeUndefined();
    expect(fake.last.method).toBe('DELETE');
  });

  it('refuses a blank Hugging Face token without sending it', async () => {
    const fake = new FakeFetch();
    const client = new Hokusai({ apiKey: 'k', baseUrl: 'http://hokusai.test', fetch: fake.fetch });

    await expect(client.accounts.withRawResponse().setHuggingFaceToken('  ')).rejects.toThrow('token must not be blank');
    expect(fake.sent).toHaveLength(0);
  });

  it('errors are HokusaiErrors with their own name', () => {
    const error = new HokusaiError('boom', { status: 500, code: 'internal_error', requestId: 'r' });
    expect(error.name).toBe('HokusaiError');
    expect(error.fieldErrors).toEqual([]);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));

    await expect(waiting).rejects.toThrow('stop');
  });
});
