// What every TypeScript consumer pact shares with the Java SDK's (contract-tests, ai.hokusai.contract.consumer.Contract):
// the provider's name, the provider states word for word (the provider verification implements them under exactly
// these words), how a call is authenticated, and the shape of a problem answer.
import { resolve } from 'node:path';
import { MatchersV3, PactV4, type V3MockServer } from '@pact-foundation/pact';
import { Hokusai, type InferenceRequest } from '../../src/index.js';

const { boolean, decimal, eachLike, fromProviderState, integer, like, regex, uuid } = MatchersV3;

export const CONSUMER = 'hokusai-sdk-typescript';
export const PROVIDER = 'hokusai-model-api';
export const PACT_DIR = resolve(import.meta.dirname, '..', '..', 'target', 'pacts');

export const States = {
  KEY_MODELS_READ: 'the caller holds an API key with the models:read scope',
  KEY_PREDICT: 'the caller holds an API key with the predict scope',
  KEY_ADMIN: 'the caller holds an API key with the admin scope',
  KEY_OVER_LIMIT: 'the caller holds an API key that has used up its hourly limit',
  CALLER_PREDICTED: "the caller's key has scored a lead with model 21",
  IDEMPOTENCY_KEY_USED: 'the caller has used the Idempotency-Key lead-4711 for another request',
  MODEL_21_ACTIVE: 'model 21 has an active deployment',
  TWO_MODELS: 'models 21 and 9001 are registered',
  NO_MODEL_999: 'no model answers to 999',
  BROKEN_MODEL: 'model 9503 has an active deployment whose artifact cannot be loaded',
  EMBEDDING_MODEL: 'the embedding model minilm-embed (model 9601, at most 2 texts a call) is deployed and active',
  BROKEN_EMBEDDING_MODEL:
    'the embedding model contract-broken-embed (model 9602) has an active deployment that cannot be loaded',
  NO_DEPLOYMENT: 'no deployment has the id 00000000-0000-4000-8000-000000000404',
  KEY_TO_REVOKE: "an API key named 'to be revoked' exists",
  NO_KEY_ID: 'no API key has the id 00000000-0000-4000-8000-000000000405',
  OTHER_KEY_PREDICTED: 'another key has scored a lead with model 21',
  NO_PREDICTION: 'no prediction has the id 00000000-0000-4000-8000-000000000406',
  DATABASE_DOWN: 'the database is down',
  FAILED_DEPLOYMENT: 'model 21 has a deployment 00000000-0000-4000-8000-000000000409 that failed to load',
  RETIRABLE_DEPLOYMENT: 'model 21 has a ready deployment that is not active',
  OPERATOR: 'the caller is the platform operator',
  OTHER_ACCOUNT: 'another account exists with the id 00000000-0000-4000-8000-00000000a001',
  NO_ACCOUNT: 'no account has the id 00000000-0000-4000-8000-000000000407',
  CALLER_PRIVATE_MODEL: "the caller's account owns the private model 9101",
  OTHER_PUBLIC_MODEL: 'another account owns the public model 9201',
  OTHER_PRIVATE_MODEL: 'another account owns the private model 9301',
} as const;

export const UNKNOWN_DEPLOYMENT = '00000000-0000-4000-8000-000000000404';
export const FAILED_DEPLOYMENT = '00000000-0000-4000-8000-000000000409';
export const RETIRABLE_DEPLOYMENT = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
export const UNKNOWN_KEY_ID = '00000000-0000-4000-8000-000000000405';
export const UNKNOWN_PREDICTION = '00000000-0000-4000-8000-000000000406';
export const OTHER_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a001';
export const UNKNOWN_ACCOUNT = '00000000-0000-4000-8000-000000000407';
/** The provider state puts a loadable model-21 artifact here (the contract's `file://` artifact root). */
export const ARTIFACT_URI = 'file:///tmp/hokusai-contract-artifacts/contract-lscor';
/** A Hub token the server must never echo; the provider checks every answer for it. */
export const HUB_TOKEN = 'hf_ContractTokenNeverEchoed0000000000000';

export const DEPLOYMENT_21 = '6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21';
export const OPERATOR_ACCOUNT_ID = '0f6b1c3e-9a2d-4e7f-8b5c-000000000001';
export const USED_IDEMPOTENCY_KEY = 'lead-4711';
export const EXAMPLE_LOG = '0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c';
/** Recorded as an example only: on the provider, the key state issues a real key and the verifier sends that one. */
export const EXAMPLE_KEY = 'hk_test_ContractExampleKey0000000000000';
/** A well-formed key no server ever issued: the 401 interactions send it as a literal. */
export const UNKNOWN_KEY = 'hk_test_NeverIssuedKey000000000000000000';
export const REQUEST_ID_PATTERN = '[\\x21-\\x7E]{1,128}';
export const TIMESTAMP_PATTERN = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})';
export const SLUG_PATTERN = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

export function pact(): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
}

/** The real SDK, pointed at the mock server. No retries: one interaction is one request. */
export function sdk(server: V3MockServer, apiKey: string = EXAMPLE_KEY): Hokusai {
  return new Hokusai({ apiKey, baseUrl: server.url, maxRetries: 0 });
}

/** The key state's parameters; the provider answers with `apiKey`, injected into the Authorization header. */
export function scopes(...names: string[]): { scopes: string } {
  return { scopes: names.join(',') };
}

export const authenticated = {
  Authorization: fromProviderState('Bearer ${apiKey}', `Bearer ${EXAMPLE_KEY}`),
};

export const withUnknownKey = { Authorization: `Bearer ${UNKNOWN_KEY}` };

/** A JSON request body's header; it matches with or without a charset, as clients differ there. */
export const jsonContent = { 'Content-Type': regex('application/json.*', 'application/json') };

/** The SDK sends an Idempotency-Key with every predict and outcome report, so its retries never run twice. */
export const idempotencyKey = { 'Idempotency-Key': regex('[\\x21-\\x7E]{1,255}', '5b0f6c1e-0c3a-4a51-9d1e-6f7a8b9c0d1e') };

export const jsonAnswer = {
  'Content-Type': regex('application/json.*', 'application/json'),
  'X-Request-Id': regex(REQUEST_ID_PATTERN, 'req_3f9a1c'),
};

export const problemAnswer = {
  'Content-Type': regex('application/problem\\+json.*', 'application/problem+json'),
  'X-Request-Id': regex(REQUEST_ID_PATTERN, 'req_3f9a1c'),
};

/** A problem answer: its status and `code` are the point of the contract, the prose is not. */
export function problem(status: number, code: string, withErrors = false): Record<string, unknown> {
  return {
    type: regex(`https?://\\S+#${code}`, `https://docs.example/errors.html#${code}`),
    title: like('A short summary'),
    status,
    detail: like('What went wrong, and how to fix it.'),
    instance: like('/api/v1/models/21'),
    code,
    request_id: regex(REQUEST_ID_PATTERN, 'req_3f9a1c'),
    ...(withErrors ? { errors: eachLike({ pointer: like('/inputs/title'), message: like('is invalid') }) } : {}),
  };
}

/** The OpenAI-compatible routes, whose errors are in the shape OpenAI's clients parse. */
export const OPENAI_ROUTES = '/api/openai/';

export const openAiErrorAnswer = {
  'Content-Type': regex('application/json.*', 'application/json'),
  'X-Request-Id': regex(REQUEST_ID_PATTERN, 'req_3f9a1c'),
};

/** OpenAI's class of an error, as the server derives it from the status. */
function openAiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

/** An error of an OpenAI-compatible route: the same status and `code` as a problem, in OpenAI's shape. */
export function openAiError(status: number, code: string): Record<string, unknown> {
  return {
    error: {
      message: like('What went wrong, and how to fix it.'),
      type: openAiType(status),
      code,
      request_id: regex(REQUEST_ID_PATTERN, 'req_3f9a1c'),
    },
  };
}

/** The headers of an error answer on `path`: a problem's, or an OpenAI error's on the OpenAI-compatible routes. */
export function errorAnswerOn(path: string): typeof problemAnswer {
  return path.startsWith(OPENAI_ROUTES) ? openAiErrorAnswer : problemAnswer;
}

/** The body of an error answer on `path`: a problem, or an OpenAI error on the OpenAI-compatible routes. */
export function errorOn(path: string, status: number, code: string): Record<string, unknown> {
  return path.startsWith(OPENAI_ROUTES) ? openAiError(status, code) : problem(status, code);
}

export const timestamp = (): unknown => regex(TIMESTAMP_PATTERN, '2026-11-27T09:00:00Z');

/** The lead every predict interaction sends: the spec's example, as the unit tests send it too. */
export { LEAD } from '../fake-fetch.js';

/** One `LeadScore`: the tier follows the score, so it is one of three words, not any string. */
export function leadScore(): Record<string, unknown> {
  return {
    lead_score: integer(82),
    conversion_probability: decimal(0.82),
    recommendation: regex('Hot|Warm|Cold', 'Hot'),
    factors: eachLike('Demo requested'),
    confidence: decimal(0.64),
  };
}

/** The envelope of a predict answer around `predictions`; every call is metered. */
export function predictEnvelope(batchSize: number, predictions: unknown): Record<string, unknown> {
  return {
    model_id: integer(21),
    deployment_id: uuid(DEPLOYMENT_21),
    model_version: like('2.0.0'),
    predictions,
    metadata: {
      api_version: like('1.0.0'),
      runtime: like('lscor-logistic'),
      batch_size: batchSize,
      latency_ms: decimal(0.4),
      request_id: like('req_3f9a1c'),
    },
    timestamp: timestamp(),
    inference_log_id: uuid(EXAMPLE_LOG),
  };
}

export function artifact(): Record<string, unknown> {
  return {
    provider: regex('bundled|huggingface|filesystem', 'bundled'),
    location: like('classpath:models/lscor-v2'),
    requires_token: boolean(false),
  };
}

export function deployment(): Record<string, unknown> {
  return {
    id: uuid(DEPLOYMENT_21),
    model_id: integer(21),
    version: like('2.0.0'),
    artifact: artifact(),
    runtime: like('lscor-logistic'),
    status: regex('active|inactive', 'active'),
    load_status: regex('pending|loading|ready|failed', 'ready'),
    created_at: timestamp(),
  };
}

/** A `Model` as the registry answers it: model 21 with its live deployment. */
export function model(): Record<string, unknown> {
  return {
    id: integer(21),
    slug: regex(SLUG_PATTERN, 'lscor-v2'),
    name: like('Sales Lead Scoring v2'),
    description: like('Lead scoring for SaaS sales leads.'),
    tags: eachLike('Sales'),
    task: like('tabular-classification'),
    max_batch_size: integer(100),
    cache_ttl_seconds: integer(3600),
    input_schema: { type: 'object' },
    created_at: timestamp(),
    visibility: regex('public|private', 'public'),
    owner_account_id: uuid(OPERATOR_ACCOUNT_ID),
    active_deployment_id: uuid(DEPLOYMENT_21),
  };
}

/** The spec's InferenceRequestOneLead example: model 21's lead, each field a named tensor, two outputs asked for. */
export const LEAD_TENSORS: InferenceRequest = {
  id: 'lead-4711',
  inputs: [
    { name: 'company_size', shape: [1], datatype: 'INT64', data: [1000] },
    { name: 'industry', shape: [1], datatype: 'BYTES', data: ['Technology'] },
    { name: 'engagement_score', shape: [1], datatype: 'FP64', data: [75] },
    { name: 'website_visits', shape: [1], datatype: 'INT64', data: [10] },
    { name: 'email_opens', shape: [1], datatype: 'INT64', data: [5] },
    { name: 'content_downloads', shape: [1], datatype: 'INT64', data: [3] },
    { name: 'demo_requested', shape: [1], datatype: 'BOOL', data: [true] },
    { name: 'budget_confirmed', shape: [1], datatype: 'BOOL', data: [false] },
    { name: 'decision_timeline', shape: [1], datatype: 'BYTES', data: ['Q2 2025'] },
    { name: 'title', shape: [1], datatype: 'BYTES', data: ['VP of Engineering'] },
  ],
  outputs: [{ name: 'lead_score' }, { name: 'recommendation' }],
};
