// A program that calls Hokusai's OpenAI-compatible routes as a third party already does: with the official `openai`
// package from npm, only its base URL changed. The server is HOKUSAI_BASE_URL, the admin key HOKUSAI_API_KEY; the
// embedding model EMBEDDING_MODEL (slug) and EMBEDDING_MODEL_ID (number); TOKENS maps each text to what the model's
// own tokenizer counts for it. Each scenario (the first argument) issues a fresh key, checks what it saw with
// node:assert and prints one line; OpenAiNodeClientIT compiles this file under tsc --strict and runs it.
import assert from 'node:assert/strict';
import { Hokusai, type ApiKeyCreated, type ApiKeyCreateRequest, type UsageRow } from '@hokusai/sdk';
import OpenAI, { APIError, AuthenticationError, NotFoundError, RateLimitError } from 'openai';

const baseUrl: string = process.env['HOKUSAI_BASE_URL'] ?? assert.fail('HOKUSAI_BASE_URL names the server');
const slug: string = process.env['EMBEDDING_MODEL'] ?? assert.fail('EMBEDDING_MODEL names the embedding model');
const modelId = Number(process.env['EMBEDDING_MODEL_ID'] ?? assert.fail('EMBEDDING_MODEL_ID numbers it'));
const tokens = JSON.parse(process.env['TOKENS'] ?? assert.fail('TOKENS counts each text')) as Record<string, number>;
const texts = Object.keys(tokens);
const admin = new Hokusai({ baseUrl });

const scenarios: Record<string, () => Promise<string>> = {
  'one-text-as-floats': oneTextAsFloats,
  'a-batch-in-the-default-encoding': aBatchInTheDefaultEncoding,
  'models': models,
  'bad-key': badKey,
  'rate-limited': rateLimited,
  'unknown-model': unknownModel,
};

async function oneTextAsFloats(): Promise<string> {
  const key = await issueKey('one text', {});
  const [text] = texts;
  assert.ok(text !== undefined);

  const answer = await openai(key.key).embeddings.create({ model: slug, input: text, encoding_format: 'float' });

  assert.equal(answer.object, 'list');
  assert.equal(answer.model, slug);
  assert.equal(answer.data.length, 1);
  const [embedding] = answer.data;
  assert.ok(embedding !== undefined);
  assert.equal(embedding.object, 'embedding');
  assert.equal(embedding.index, 0);
  assertSameVector(embedding.embedding, await predicted(text), text);
  assert.equal(answer.usage.prompt_tokens, tokens[text], 'the model tokenizer counts the text');
  assert.equal(answer.usage.total_tokens, tokens[text]);
  await assertMeteredOnce(key, 1, tokens[text] ?? -1);
  return `${embedding.embedding.length} floats, ${answer.usage.prompt_tokens} tokens, metered once with them`;
}

async function aBatchInTheDefaultEncoding(): Promise<string> {
  const key = await issueKey('batch', {});
  const sent: unknown[] = [];
  const raw: string[] = [];
  const client = openai(key.key, {
    fetch: async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      sent.push(typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body);
      const response = await fetch(url, init);
      raw.push(await response.clone().text());
      return response;
    },
  });

  // No encoding_format: the client asks for base64 and decodes the little-endian float32s itself.
  const answer = await client.embeddings.create({ model: String(modelId), input: texts });

  assert.equal(sent.length, 1, 'one request');
  assert.equal((sent[0] as { encoding_format?: string }).encoding_format, 'base64', 'the client default');
  const wire = JSON.parse(raw[0] ?? '{}') as { data: { embedding: unknown }[] };
  assert.ok(wire.data.every((item) => typeof item.embedding === 'string'), 'the server answered base64');
  assert.deepEqual(answer.data.map((item) => item.index), texts.map((_, index) => index), 'in input order');
  for (const [index, text] of texts.entries()) {
    const vector = answer.data[index]?.embedding ?? assert.fail(`no vector ${index}`);
    assertSameVector(vector, await predicted(text), text);
  }
  const expectedTokens = texts.reduce((sum, text) => sum + (tokens[text] ?? 0), 0);
  assert.equal(answer.usage.prompt_tokens, expectedTokens);
  await assertMeteredOnce(key, texts.length, expectedTokens);
  return `${texts.length} texts as base64, ${expectedTokens} tokens, one call metered`;
}

async function models(): Promise<string> {
  const key = await issueKey('models', {});
  const client = openai(key.key);

  const listed = [];
  for await (const model of client.models.list()) listed.push(model);
  const retrieved = await client.models.retrieve(slug);
  const byNumber = await client.models.retrieve(String(modelId));

  const ours = listed.find((model) => model.id === slug) ?? assert.fail(`${slug} in ${JSON.stringify(listed)}`);
  assert.equal(ours.object, 'model');
  assert.ok(ours.created > 0 && ours.owned_by !== '', JSON.stringify(ours));
  assert.ok(!listed.some((model) => model.id === 'lscor-v2'), 'model 21 does not embed: not listed');
  assert.deepEqual(retrieved, ours);
  assert.deepEqual(byNumber, ours, 'by number as by slug');
  return `listed ${listed.map((model) => model.id).join(', ')}`;
}

async function badKey(): Promise<string> {
  const client = openai(`hk_test_${'0'.repeat(32)}`);

  const error = await failure(client.embeddings.create({ model: slug, input: 'A short one.' }));

  assert.ok(error instanceof AuthenticationError, `AuthenticationError, not ${String(error)}`);
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(error.type, 'authentication_error');
  assertQuotesTheRequestId(error);
  return `401 ${error.type} ${error.code}, request ${error.requestID}`;
}

async function rateLimited(): Promise<string> {
  const key = await issueKey('rate limited', { rate_limit_per_minute: 1 });
  const client = openai(key.key);
  // One call per minute: the second is refused, or the third when the first two fall either side of a UTC minute.
  let error: unknown;
  for (let call = 1; call <= 3 && error === undefined; call++) {
    error = await client.embeddings.create({ model: slug, input: 'A short one.' }).then(
      () => undefined,
      (refusal: unknown) => refusal,
    );
  }

  assert.ok(error instanceof RateLimitError, `RateLimitError, not ${String(error)}`);
  assert.equal(error.status, 429);
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.type, 'rate_limit_error');
  const retryAfter = Number(error.headers?.get('retry-after'));
  assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assertQuotesTheRequestId(error);
  return `429 ${error.type} ${error.code}, Retry-After ${retryAfter} s`;
}

async function unknownModel(): Promise<string> {
  const key = await issueKey('unknown model', {});

  const error = await failure(openai(key.key).embeddings.create({ model: 'no-such-model', input: 'A short one.' }));

  assert.ok(error instanceof NotFoundError, `NotFoundError, not ${String(error)}`);
  assert.equal(error.status, 404);
  assert.equal(error.code, 'model_not_found');
  assert.equal(error.type, 'not_found_error');
  assertQuotesTheRequestId(error);
  await assertMeteredOnce(key, 0, 0);
  return `404 ${error.type} ${error.code} (param ${String(error.param)}), not metered`;
}

/** The official client, pointed at Hokusai; no retries, so each refusal is seen as the server gave it. */
function openai(apiKey: string, options: { fetch?: typeof fetch } = {}): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${baseUrl}/api/openai/v1`, maxRetries: 0, ...options });
}

/** A new key of the admin's account, so its counts and quota start at zero. */
function issueKey(name: string, limits: Pick<ApiKeyCreateRequest, 'rate_limit_per_minute'>): Promise<ApiKeyCreated> {
  return admin.apiKeys.create({ name: `openai client: ${name}`, scopes: ['predict', 'models:read'], mode: 'test', ...limits });
}

/** What `/predict` answers for the text. */
async function predicted(text: string): Promise<number[]> {
  const answer = await admin.predictions.create<{ embedding: number[] }>(slug, { text });
  return answer.predictions.embedding;
}

function assertSameVector(actual: number[], expected: number[], text: string): void {
  assert.equal(actual.length, expected.length, `${text}: dimensions`);
  const worst = Math.max(...actual.map((value, index) => Math.abs(value - (expected[index] ?? Number.NaN))));
  assert.ok(worst <= 1e-6, `${text}: max abs difference from predict ${worst}`);
}

/**
 * The key's usage report: one request of the model with `predictions` inputs and the `tokenCount` they cost, or no row
 * at all. Records reach the counts within a second of the answer, so an empty report is read again for a while.
 */
async function assertMeteredOnce(key: ApiKeyCreated, predictions: number, tokenCount: number): Promise<void> {
  const usage = new Hokusai({ apiKey: key.key, baseUrl, maxRetries: 0 }).usage;
  let rows: UsageRow[] = [];
  for (let attempt = 0; attempt < 25; attempt++) {
    rows = (await usage.retrieve()).data;
    if (rows.length > 0 || (predictions === 0 && attempt >= 5)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const counted = rows.map(({ model_id, requests, predictions, tokens }) => ({ model_id, requests, predictions, tokens }));
  const once = [{ model_id: modelId, requests: 1, predictions, tokens: tokenCount }];
  assert.deepEqual(counted, predictions === 0 ? [] : once, 'metered once, with its tokens');
}

function assertQuotesTheRequestId(error: APIError): void {
  const body = error.error as { request_id?: string } | undefined;
  assert.ok(error.requestID, 'X-Request-Id');
  assert.equal(body?.request_id, error.requestID, 'the error carries the request id of its header');
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded');
}

const name = process.argv[2];
const scenario = name === undefined ? undefined : scenarios[name];
if (name === undefined || scenario === undefined) {
  console.error(`usage: node openai-node-client.mjs <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
console.log(`${name}: ${await scenario()}`);
