// A program that uses @hokusai/sdk as an application would: the package comes from npm install, the admin key from
// HOKUSAI_API_KEY, the server from HOKUSAI_BASE_URL. Each scenario (the first argument) checks what it saw with
// node:assert and prints one line; TypeScriptSdkEndToEndIT compiles this file under tsc --strict and runs it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationError,
  Hokusai,
  InvalidRequestError,
  RateLimitError,
  type ApiKeyCreated,
  type ApiKeyCreateRequest,
  type LeadScore,
  type LeadScoringInput,
  type Prediction,
} from '@hokusai/sdk';

const baseUrl: string = process.env['HOKUSAI_BASE_URL'] ?? assert.fail('HOKUSAI_BASE_URL names the server');
const admin = new Hokusai({ baseUrl });

const hotLead: LeadScoringInput = {
  company_size: 1000, industry: 'Technology', engagement_score: 75, website_visits: 10, email_opens: 5,
  content_downloads: 3, demo_requested: true, budget_confirmed: false, decision_timeline: 'Q2 2025',
  title: 'VP of Engineering',
};
const coldLead: LeadScoringInput = {
  company_size: 5, industry: 'Retail', engagement_score: 2, website_visits: 0, email_opens: 0,
  content_downloads: 0, demo_requested: false, budget_confirmed: false, decision_timeline: 'Unknown',
  title: 'Intern',
};

const scenarios: Record<string, () => Promise<string>> = {
  'model-21-by-number-slug-and-deployment': model21ByEveryReference,
  batch,
  'invalid-input': invalidInput,
  'rate-limited': rateLimited,
  'retried-predict-billed-once': retriedPredictBilledOnce,
  'revoked-key': revokedKey,
};

async function model21ByEveryReference(): Promise<string> {
  const model = await admin.models.get('21');
  assert.equal(model.id, 21);
  const deploymentId = model.active_deployment_id;
  assert.ok(typeof deploymentId === 'string', 'model 21 has an active deployment');
  const references = ['21', model.slug, deploymentId];
  const scores: Prediction<LeadScore>[] = [];
  for (const reference of references) {
    assert.equal((await admin.models.get(reference)).id, 21, `models.get('${reference}')`);
    const scored = await admin.predictions.create(reference, hotLead);
    assert.equal(scored.model_id, 21, `predictions.create('${reference}')`);
    assert.equal(scored.deployment_id, deploymentId, `predictions.create('${reference}')`);
    scores.push(scored);
  }
  const [byNumber] = scores;
  assert.ok(byNumber !== undefined);
  for (const scored of scores) {
    assert.deepEqual(scored.predictions, byNumber.predictions, 'one model, one input: one score');
  }
  return `${references.join(', ')} all scored ${byNumber.predictions.lead_score} ${byNumber.predictions.recommendation}`;
}

async function batch(): Promise<string> {
  const one = await admin.predictions.create('21', hotLead);
  const scored = await admin.predictions.createBatch('21', [hotLead, coldLead, hotLead]);
  assert.equal(scored.model_id, 21);
  assert.equal(scored.metadata.batch_size, 3);
  const [hot, cold, hotAgain] = scored.predictions;
  assert.ok(hot !== undefined && cold !== undefined && hotAgain !== undefined, 'three predictions');
  assert.deepEqual(hot, one.predictions, 'an input scores the same in a batch as alone');
  assert.deepEqual(hotAgain, hot);
  assert.ok(cold.lead_score < hot.lead_score, `the cold lead (${cold.lead_score}) below the hot one (${hot.lead_score})`);
  return `scores in input order: ${scored.predictions.map((p) => `${p.lead_score} ${p.recommendation}`).join(', ')}`;
}

async function invalidInput(): Promise<string> {
  // Well-typed, yet outside the contract's bounds: only the server can refuse it.
  const outOfRange: LeadScoringInput = { ...hotLead, company_size: -1, engagement_score: 175 };
  const error = await failure(admin.predictions.create('21', outOfRange));
  assert.ok(error instanceof InvalidRequestError, `InvalidRequestError, not ${String(error)}`);
  assert.equal(error.status, 422);
  assert.equal(error.code, 'invalid_input');
  assert.deepEqual(error.pointers, ['/inputs/company_size', '/inputs/engagement_score']);
  for (const field of error.fieldErrors) assert.notEqual(field.message, '', field.pointer);
  assert.ok(error.requestId, 'the request id to quote');
  return error.fieldErrors.map((field) => `${field.pointer}: ${field.message}`).join('; ');
}

async function rateLimited(): Promise<string> {
  const key = await issueKey('rate limited', { rate_limit_per_minute: 1 });
  const client = new Hokusai({ apiKey: key.key, baseUrl, maxRetries: 0 });
  // One call per minute: the second is refused, or the third when the first two fall either side of a UTC minute.
  let error: unknown;
  for (let call = 1; call <= 3 && error === undefined; call++) {
    error = await client.models.get('21').then(() => undefined, (refusal: unknown) => refusal);
  }
  assert.ok(error instanceof RateLimitError, `RateLimitError, not ${String(error)}`);
  assert.equal(error.status, 429);
  assert.equal(error.code, 'rate_limited');
  assert.ok(error.retryAfter !== null && error.retryAfter > 0 && error.retryAfter <= 60, `retryAfter ${error.retryAfter}`);
  return `429 ${error.code}, retryAfter ${error.retryAfter} s`;
}

async function retriedPredictBilledOnce(): Promise<string> {
  const key = await issueKey('retried predict', {});
  const proxy = await proxyDroppingFirstPredictAnswer(baseUrl);
  try {
    const client = new Hokusai({ apiKey: key.key, baseUrl: proxy.url, maxRetries: 2 });
    const scored = await client.predictions.withRawResponse().create('21', hotLead);

    const [dropped, retried] = proxy.predicts;
    assert.equal(proxy.predicts.length, 2, 'the predict and one retry');
    assert.ok(dropped !== undefined && retried !== undefined);
    assert.ok(dropped.dropped && !retried.dropped);
    assert.equal(dropped.status, 200, 'the server scored the call whose answer was lost');
    assert.ok(dropped.idempotencyKey !== undefined, 'the predict carries an Idempotency-Key');
    assert.equal(retried.idempotencyKey, dropped.idempotencyKey, 'the retry resends the same Idempotency-Key');
    assert.equal(scored.status, 200);
    assert.ok(scored.replayed, 'the retry is answered with the stored answer');
    const lost = JSON.parse(dropped.body) as { inference_log_id: string };
    assert.equal(scored.value.inference_log_id, lost.inference_log_id, 'the replay is the lost answer');

    const usage = await client.usage.retrieve();
    const rows = usage.data.map(({ model_id, requests, predictions }) => ({ model_id, requests, predictions }));
    assert.deepEqual(rows, [{ model_id: 21, requests: 1, predictions: 1 }], 'billed once');
    return `two attempts with Idempotency-Key ${dropped.idempotencyKey}, answered by a replay; usage ${JSON.stringify(rows)}`;
  } finally {
    await proxy.close();
  }
}

async function revokedKey(): Promise<string> {
  const key = await issueKey('revoked', {});
  const client = new Hokusai({ apiKey: key.key, baseUrl, maxRetries: 0 });
  assert.equal((await client.predictions.create('21', hotLead)).model_id, 21, 'the key works before its revocation');
  await admin.apiKeys.revoke(key.id);
  const error = await failure(client.predictions.create('21', hotLead));
  assert.ok(error instanceof AuthenticationError, `AuthenticationError, not ${String(error)}`);
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  return `after revoking ${key.prefix}: 401 ${error.code}`;
}

/** A new key of the admin's account, so its counts and quota start at zero. */
function issueKey(name: string, limits: Pick<ApiKeyCreateRequest, 'rate_limit_per_minute'>): Promise<ApiKeyCreated> {
  return admin.apiKeys.create({ name: `end-to-end: ${name}`, scopes: ['predict', 'models:read'], mode: 'test', ...limits });
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded');
}

interface ForwardedPredict {
  readonly idempotencyKey: string | undefined;
  readonly status: number;
  readonly body: string;
  readonly dropped: boolean;
}

/**
 * A loopback proxy in front of the server that forwards every request, waits for the server's whole answer, and
 * for the first predict cuts the client's connection instead of passing the answer on: the server did the work and
 * metered it, and the client saw only a dropped connection.
 */
async function proxyDroppingFirstPredictAnswer(
  target: string,
): Promise<{ url: string; predicts: ForwardedPredict[]; close: () => Promise<void> }> {
  const predicts: ForwardedPredict[] = [];
  const proxy = createServer((incoming, outgoing) => {
    forward(incoming, target).then(
      (answer) => {
        const isPredict = incoming.method === 'POST' && /\/predict$/.test(incoming.url ?? '');
        const drop = isPredict && predicts.length === 0;
        if (isPredict) {
          const idempotencyKey = incoming.headers['idempotency-key'];
          predicts.push({
            idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
            status: answer.status,
            body: answer.body.toString('utf8'),
            dropped: drop,
          });
        }
        if (drop) {
          incoming.socket.destroy();
          return;
        }
        outgoing.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        outgoing.end(answer.body);
      },
      (error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    predicts,
    close: async () => {
      proxy.closeAllConnections();
      proxy.close();
      await once(proxy, 'close');
    },
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

function forward(
  incoming: IncomingMessage,
  target: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(incoming.url ?? '/', target);
    const upstream = request(url, { method: incoming.method, headers: endToEnd(incoming.headers) }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () =>
        resolve({ status: answer.statusCode ?? 502, headers: endToEnd(answer.headers), body: Buffer.concat(chunks) }),
      );
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    incoming.pipe(upstream);
  });
}

const name = process.argv[2];
const scenario = name === undefined ? undefined : scenarios[name];
if (name === undefined || scenario === undefined) {
  console.error(`usage: node sdk-end-to-end.mjs <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
console.log(`${name}: ${await scenario()}`);
