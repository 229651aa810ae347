// The refusals particular to one operation: a missing object (404), a conflict (409), a body the schema refuses (422
// with the fields named), a batch over the model's limit (413) and a dependency that is down (503). Each is sent by the
// SDK and must come back as the error class a caller catches.
import { MatchersV3, type TemplateHeaders } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  type Hokusai,
  HokusaiError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  ServerError,
} from '../../src/index.js';
import {
  ARTIFACT_URI,
  authenticated,
  DEPLOYMENT_21,
  FAILED_DEPLOYMENT,
  idempotencyKey,
  jsonContent,
  LEAD,
  pact,
  problem,
  problemAnswer,
  scopes,
  sdk,
  States,
  UNKNOWN_ACCOUNT,
  UNKNOWN_DEPLOYMENT,
  UNKNOWN_KEY_ID,
  UNKNOWN_PREDICTION,
  USED_IDEMPOTENCY_KEY,
} from './contract.js';

const { regex } = MatchersV3;

type ErrorClass = abstract new (...args: never[]) => HokusaiError;

interface Refusal {
  readonly description: string;
  readonly states: readonly (readonly [string, { scopes: string }?])[];
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly headers?: TemplateHeaders;
  readonly status: number;
  readonly code: string;
  /** Whether the problem names the refused fields (`errors`, with JSON pointers). */
  readonly fields?: boolean;
  readonly answerHeaders?: TemplateHeaders;
  readonly call: (client: Hokusai) => Promise<unknown>;
  readonly error: ErrorClass;
}

const ADMIN = [States.KEY_ADMIN, scopes('admin')] as const;
const READER = [States.KEY_MODELS_READ, scopes('models:read')] as const;
const PREDICTOR = [States.KEY_PREDICT, scopes('predict')] as const;
const OPERATOR = [States.OPERATOR] as const;
const MODEL_21 = [States.MODEL_21_ACTIVE] as const;
const NO_MODEL = [States.NO_MODEL_999] as const;

const encoder = (slug: string, inputSchema: Record<string, unknown>) => ({
  slug,
  name: 'MiniLM sentence embeddings',
  task: 'feature-extraction',
  tags: ['Embedding'],
  max_batch_size: 32,
  cache_ttl_seconds: 3600,
  visibility: 'private' as const,
  input_schema: inputSchema,
  output_schema: { type: 'object' },
});
const version = (name: string, runtime = 'lscor-logistic') => ({
  version: name,
  runtime,
  artifact_uri: ARTIFACT_URI,
  activate: false,
});
const account = (slug: string) => ({ slug, name: 'Acme Analytics', rate_limit_per_hour: 50000 });
const outcome = (inferenceLogId: string, score: number) => ({
  inference_log_id: inferenceLogId,
  outcome_score: score,
  outcome_type: 'conversion' as const,
});
const OVERSIZED_BATCH = Array.from({ length: 101 }, () => LEAD);

const REFUSALS: readonly Refusal[] = [
  // the registry
  {
    description: 'createModel: the slug of model 21', states: [ADMIN, MODEL_21], method: 'POST', path: '/api/v1/models',
    body: encoder('lscor-v2', { type: 'object', required: ['text'] }), status: 409, code: 'slug_taken', fields: true,
    call: (client) => client.models.create(encoder('lscor-v2', { type: 'object', required: ['text'] })),
    error: InvalidRequestError,
  },
  {
    description: 'createModel: an input schema that is not a JSON Schema', states: [ADMIN, MODEL_21], method: 'POST',
    path: '/api/v1/models', body: encoder('contract-bad-schema', { type: 'objekt' }), status: 422,
    code: 'invalid_request', fields: true,
    call: (client) => client.models.create(encoder('contract-bad-schema', { type: 'objekt' })),
    error: InvalidRequestError,
  },
  {
    description: 'updateModel: a model number nobody registered', states: [ADMIN, NO_MODEL], method: 'PATCH',
    path: '/api/v1/models/999', body: { max_batch_size: 100, cache_ttl_seconds: 3600 }, status: 404,
    code: 'model_not_found',
    call: (client) => client.models.update('999', { max_batch_size: 100, cache_ttl_seconds: 3600 }),
    error: NotFoundError,
  },
  {
    description: 'updateModel: a batch limit of zero', states: [ADMIN, MODEL_21], method: 'PATCH',
    path: '/api/v1/models/21', body: { max_batch_size: 0 }, status: 422, code: 'invalid_request', fields: true,
    call: (client) => client.models.update('21', { max_batch_size: 0 }), error: InvalidRequestError,
  },
  {
    description: 'getModelInfo: a model number nobody registered', states: [READER, NO_MODEL], method: 'GET',
    path: '/api/v1/models/999/info', status: 404, code: 'model_not_found',
    call: (client) => client.models.info('999'), error: NotFoundError,
  },
  {
    description: 'getModelHealth: a model number nobody registered', states: [READER, NO_MODEL], method: 'GET',
    path: '/api/v1/models/999/health', status: 404, code: 'model_not_found',
    call: (client) => client.models.health('999'), error: NotFoundError,
  },
  {
    description: "getModelUsage: another account's private model, as if it did not exist",
    states: [READER, [States.OTHER_PRIVATE_MODEL]], method: 'GET', path: '/api/v1/models/9301/usage', status: 404,
    code: 'model_not_found', call: (client) => client.models.usage('9301'), error: NotFoundError,
  },
  {
    description: 'listModelDeployments: a model number nobody registered', states: [READER, NO_MODEL], method: 'GET',
    path: '/api/v1/models/999/deployments', status: 404, code: 'model_not_found',
    call: (client) => client.deployments.list('999'), error: NotFoundError,
  },
  {
    description: 'createDeployment: a model number nobody registered', states: [ADMIN, NO_MODEL], method: 'POST',
    path: '/api/v1/models/999/deployments', body: version('1.0.0'), status: 404, code: 'model_not_found',
    call: (client) => client.deployments.create('999', version('1.0.0')), error: NotFoundError,
  },
  {
    description: 'createDeployment: the version model 21 is deployed at', states: [ADMIN, MODEL_21], method: 'POST',
    path: '/api/v1/models/21/deployments', body: version('2.0.0'), status: 409, code: 'version_taken', fields: true,
    call: (client) => client.deployments.create('21', version('2.0.0')), error: InvalidRequestError,
  },
  {
    description: 'createDeployment: a runtime the server does not have', states: [ADMIN, MODEL_21], method: 'POST',
    path: '/api/v1/models/21/deployments', body: version('2.1.1-contract', 'tensorflow-savedmodel'), status: 422,
    code: 'invalid_request', fields: true,
    call: (client) => client.deployments.create('21', version('2.1.1-contract', 'tensorflow-savedmodel')),
    error: InvalidRequestError,
  },
  {
    description: 'activateDeployment: a UUID no deployment has', states: [ADMIN, [States.NO_DEPLOYMENT]],
    method: 'POST', path: `/api/v1/deployments/${UNKNOWN_DEPLOYMENT}/activate`, status: 404,
    code: 'deployment_not_found', call: (client) => client.deployments.activate(UNKNOWN_DEPLOYMENT),
    error: NotFoundError,
  },
  {
    description: 'activateDeployment: a deployment that failed to load', states: [ADMIN, [States.FAILED_DEPLOYMENT]],
    method: 'POST', path: `/api/v1/deployments/${FAILED_DEPLOYMENT}/activate`, status: 409,
    code: 'deployment_not_ready', call: (client) => client.deployments.activate(FAILED_DEPLOYMENT),
    error: InvalidRequestError,
  },
  {
    description: 'retireDeployment: a UUID no deployment has', states: [ADMIN, [States.NO_DEPLOYMENT]],
    method: 'DELETE', path: `/api/v1/deployments/${UNKNOWN_DEPLOYMENT}`, status: 404, code: 'deployment_not_found',
    call: (client) => client.deployments.retire(UNKNOWN_DEPLOYMENT), error: NotFoundError,
  },
  {
    description: "retireDeployment: model 21's live deployment", states: [ADMIN, MODEL_21], method: 'DELETE',
    path: `/api/v1/deployments/${DEPLOYMENT_21}`, status: 409, code: 'deployment_active',
    call: (client) => client.deployments.retire(DEPLOYMENT_21), error: InvalidRequestError,
  },
  // serving
  {
    description: "predict: a batch larger than model 21's max_batch_size", states: [PREDICTOR, MODEL_21],
    method: 'POST', path: '/api/v1/models/21/predict', headers: idempotencyKey, body: { inputs: OVERSIZED_BATCH },
    status: 413, code: 'batch_too_large', fields: true,
    call: (client) => client.predictions.createBatch('21', OVERSIZED_BATCH), error: InvalidRequestError,
  },
  {
    description: 'getUsage: counts for a model number nobody registered', states: [PREDICTOR, NO_MODEL],
    method: 'GET', path: '/api/v1/usage', query: { model: '999' }, status: 404, code: 'model_not_found',
    call: (client) => client.usage.retrieve({ model: '999' }), error: NotFoundError,
  },
  {
    description: 'reportOutcome: an inference_log_id no prediction has', states: [PREDICTOR, [States.NO_PREDICTION]],
    method: 'POST', path: '/api/v1/outcomes', headers: idempotencyKey, body: outcome(UNKNOWN_PREDICTION, 1),
    status: 404, code: 'inference_log_not_found',
    call: (client) => client.outcomes.report(outcome(UNKNOWN_PREDICTION, 1)), error: NotFoundError,
  },
  {
    description: 'reportOutcome: an Idempotency-Key already used for another request',
    states: [PREDICTOR, [States.IDEMPOTENCY_KEY_USED]], method: 'POST', path: '/api/v1/outcomes',
    headers: { 'Idempotency-Key': USED_IDEMPOTENCY_KEY }, body: outcome(UNKNOWN_PREDICTION, 1), status: 409,
    code: 'idempotency_conflict',
    call: (client) =>
      client.outcomes.report(outcome(UNKNOWN_PREDICTION, 1), { idempotencyKey: USED_IDEMPOTENCY_KEY }),
    error: IdempotencyError,
  },
  {
    description: 'reportOutcome: an outcome_score above 1', states: [PREDICTOR], method: 'POST',
    path: '/api/v1/outcomes', headers: idempotencyKey, body: outcome(UNKNOWN_PREDICTION, 2), status: 422,
    code: 'invalid_request', fields: true,
    call: (client) => client.outcomes.report(outcome(UNKNOWN_PREDICTION, 2)), error: InvalidRequestError,
  },
  {
    description: 'reportOutcome: the database does not answer', states: [PREDICTOR, [States.DATABASE_DOWN]],
    method: 'POST', path: '/api/v1/outcomes', headers: idempotencyKey, body: outcome(UNKNOWN_PREDICTION, 1),
    status: 503, code: 'service_unavailable',
    call: (client) => client.outcomes.report(outcome(UNKNOWN_PREDICTION, 1)), error: ServerError,
  },
  // keys, credentials and accounts
  {
    description: 'createApiKey: a per-minute limit of zero', states: [ADMIN], method: 'POST', path: '/api/v1/api-keys',
    body: { name: 'CRM integration', scopes: ['predict'], rate_limit_per_minute: 0 }, status: 422,
    code: 'invalid_request', fields: true,
    call: (client) => client.apiKeys.create({ name: 'CRM integration', scopes: ['predict'], rate_limit_per_minute: 0 }),
    error: InvalidRequestError,
  },
  {
    description: 'revokeApiKey: an id no key has', states: [ADMIN, [States.NO_KEY_ID]], method: 'DELETE',
    path: `/api/v1/api-keys/${UNKNOWN_KEY_ID}`, status: 404, code: 'api_key_not_found',
    call: (client) => client.apiKeys.revoke(UNKNOWN_KEY_ID), error: NotFoundError,
  },
  {
    description: 'setHuggingFaceCredential: a token with a space in it', states: [ADMIN], method: 'PUT',
    path: '/api/v1/account/credentials/huggingface', body: { token: 'hf_two words' }, status: 422,
    code: 'invalid_request', fields: true,
    call: (client) => client.accounts.setHuggingFaceToken('hf_two words'), error: InvalidRequestError,
  },
  {
    description: "createAccount: the slug of the operator's own account", states: [OPERATOR], method: 'POST',
    path: '/api/v1/accounts', body: account('hokusai'), status: 409, code: 'account_slug_taken',
    call: (client) => client.accounts.create(account('hokusai')), error: InvalidRequestError,
  },
  {
    description: 'createAccount: a slug with capitals and an underscore', states: [OPERATOR], method: 'POST',
    path: '/api/v1/accounts', body: account('Acme_Analytics'), status: 422, code: 'invalid_request', fields: true,
    call: (client) => client.accounts.create(account('Acme_Analytics')), error: InvalidRequestError,
  },
  {
    description: 'getAccount: an id no account has', states: [OPERATOR, [States.NO_ACCOUNT]], method: 'GET',
    path: `/api/v1/accounts/${UNKNOWN_ACCOUNT}`, status: 404, code: 'account_not_found',
    call: (client) => client.accounts.retrieve(UNKNOWN_ACCOUNT), error: NotFoundError,
  },
];

describe('what one operation refuses, and the error a caller catches (consumer hokusai-sdk-typescript)', () => {
  it.each(REFUSALS.map((refusal) => [refusal.description, refusal] as const))('%s', async (_, refusal) => {
    let interaction = pact().addInteraction();
    for (const [state, params] of refusal.states) interaction = interaction.given(state, params);
    await interaction
      .uponReceiving(refusal.description)
      .withRequest(refusal.method, refusal.path, (request) => {
        request.headers({
          ...authenticated,
          ...(refusal.body === undefined ? {} : jsonContent),
          ...refusal.headers,
        });
        if (refusal.query) request.query(refusal.query);
        if (refusal.body !== undefined) request.jsonBody(refusal.body);
      })
      .willRespondWith(refusal.status, (response) =>
        response
          .headers({
            ...problemAnswer,
            ...(refusal.status === 503 ? { 'Retry-After': regex('\\d+', '30') } : {}),
          })
          .jsonBody(problem(refusal.status, refusal.code, refusal.fields ?? false)),
      )
      .executeTest(async (server) => {
        const error = await refusal.call(sdk(server)).then(
          () => undefined,
          (reason: unknown) => reason,
        );

        expect(error).toBeInstanceOf(refusal.error);
        const failure = error as HokusaiError;
        expect(failure.status).toBe(refusal.status);
        expect(failure.code).toBe(refusal.code);
        if (refusal.fields) expect(failure.fieldErrors.map((field) => field.pointer)).not.toHaveLength(0);
      });
  });
});
