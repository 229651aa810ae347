import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  embeddingVector,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '../src/index.js';
import { clientFor, FakeFetch, json } from './fake-fetch.js';

const LIST = {
  object: 'list',
  data: [{ object: 'embedding', index: 0, embedding: [0.5, -0.25] }],
  model: 'minilm-embed',
  usage: { prompt_tokens: 6, total_tokens: 6 },
};

function openAiError(status: number, type: string, code: string, param?: string): Response {
  return json({ error: { message: `Detail of ${code}`, type, code, param, request_id: 'req_body' } }, status, {
    'X-Request-Id': 'req_body',
  });
}

describe('embeddings', () => {
  it('embed one text on the OpenAI-compatible route, with an Idempotency-Key', async () => {
    const fake = new FakeFetch().answer(json(LIST));
    const { client } = clientFor(fake);

    const answer = await client.embeddings.create({ model: 'minilm-embed', input: 'A short one.' });

    expect(fake.last.method).toBe('POST');
    expect(fake.last.url.href).toBe('http://hokusai.test/api/openai/v1/embeddings');
    expect(fake.last.body).toEqual({ model: 'minilm-embed', input: 'A short one.' });
    expect(fake.last.headers.get('Idempotency-Key')).toBeTruthy();
    expect(embeddingVector(answer.data[0]?.embedding)).toEqual([0.5, -0.25]);
    expect(answer.usage.prompt_tokens).toBe(6);
  });

  it('decode a base64 embedding as little-endian float32', () => {
    expect(embeddingVector('AAAAPwAAgL4=')).toEqual([0.5, -0.25]);
  });

  it('list and read the embedding models', async () => {
    const fake = new FakeFetch()
      .answer(json({ object: 'list', data: [] }))
      .answer(json({ id: 'minilm-embed', object: 'model', created: 1795770000, owned_by: 'acme' }));
    const { client } = clientFor(fake);

    expect((await client.embeddings.listModels()).data).toEqual([]);
    expect((await client.embeddings.getModel('minilm-embed')).id).toBe('minilm-embed');
    expect(fake.sent.map((sent) => sent.url.pathname)).toEqual([
      '/api/openai/v1/models',
      '/api/openai/v1/models/minilm-embed',
    ]);
  });

  it.each([
    [401, 'authentication_error', 'invalid_api_key', AuthenticationError],
    [404, 'not_found_error', 'model_not_found', NotFoundError],
    [422, 'invalid_request_error', 'invalid_request', InvalidRequestError],
    [429, 'rate_limit_error', 'rate_limited', RateLimitError],
    [503, 'server_error', 'model_unavailable', ServerError],
  ])('map OpenAI error body %i %s like a problem', async (status, type, code, expected) => {
    const fake = new FakeFetch().answer(openAiError(status, type, code));
    const { client } = clientFor(fake, { maxRetries: 0 });

    const error = await client.embeddings.create({ model: 'minilm-embed', input: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject({ status, code, requestId: 'req_body' });
    expect((error as Error).message).toContain(`Detail of ${code}`);
  });

  it('read the param of an OpenAI error as its field error', async () => {
    const fake = new FakeFetch().answer(openAiError(400, 'invalid_request_error', 'invalid_parameter', '/dimensions'));
    const { client } = clientFor(fake, { maxRetries: 0 });

    const error = await client.embeddings
      .create({ model: 'minilm-embed', input: 'x', dimensions: 8 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).fieldErrors).toEqual([
      { pointer: '/dimensions', message: 'Detail of invalid_parameter' },
    ]);
  });
});
