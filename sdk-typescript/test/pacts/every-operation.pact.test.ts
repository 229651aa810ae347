// The refusals every operation shares, one interaction per operation and status, as the Java SDK records them: an
// unknown key (401), a key without the operation's scope (403), a key over its limit (429) and an X-Request-Id the
// server refuses (400), each sent by the SDK itself; and what no SDK sends but any HTTP client can, hand-built with
// fetch: a method the route does not take (405 with Allow), an Accept nothing answers (406) and a body that is not
// JSON (415). The table is typed by the spec's operation ids, so an operation the spec gains is a compile error here.
import { MatchersV3, type TemplateHeaders, type V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  type Hokusai,
  HokusaiError,
  InvalidRequestError,
  PermissionError,
  RateLimitError,
  type RequestOptions,
} from '../../src/index.js';
import type { OperationId } from '../../src/generated/spec.js';
import {
  ARTIFACT_URI,
  authenticated,
  DEPLOYMENT_21,
  errorAnswerOn,
  errorOn,
  EXAMPLE_LOG,
  HUB_TOKEN,
  idempotencyKey,
  jsonContent,
  LEAD,
  LEAD_TENSORS,
  OTHER_ACCOUNT_ID,
  pact,
  scopes,
  sdk,
  States,
  UNKNOWN_DEPLOYMENT,
  UNKNOWN_KEY,
  UNKNOWN_KEY_ID,
  withUnknownKey,
} from './contract.js';

const { regex } = MatchersV3;

/** Who may call an operation: the state of a key that may, and of one that lacks the scope. */
type Scope = 'models:read' | 'models:write' | 'predict' | 'admin' | 'platform:admin';

interface Caller {
  readonly state: string;
  readonly params?: { scopes: string };
}

const ALLOWED: Record<Scope, Caller> = {
  'models:read': { state: States.KEY_MODELS_READ, params: scopes('models:read') },
  'models:write': { state: States.KEY_ADMIN, params: scopes('admin') },
  predict: { state: States.KEY_PREDICT, params: scopes('predict') },
  admin: { state: States.KEY_ADMIN, params: scopes('admin') },
  'platform:admin': { state: States.OPERATOR },
};

const LACKING: Record<Scope, Caller> = {
  'models:read': { state: States.KEY_PREDICT, params: scopes('predict') },
  'models:write': { state: States.KEY_MODELS_READ, params: scopes('models:read') },
  predict: { state: States.KEY_MODELS_READ, params: scopes('models:read') },
  admin: { state: States.KEY_PREDICT, params: scopes('predict') },
  'platform:admin': { state: States.KEY_ADMIN, params: scopes('admin') },
};

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  /** The JSON body the SDK sends, when the operation takes one. */
  readonly body?: unknown;
  /** The route's methods, as the 405 answer's Allow lists them. */
  readonly allow: string;
  /** A method the route does not take, for the 405; absent where another operation of the route already has it. */
  readonly wrongMethod?: string;
  /** Absent for the public operations, which no key is refused on. */
  readonly scope?: Scope;
  /** The SDK's call for it; per-call options carry the request id. */
  readonly call?: (client: Hokusai, options: RequestOptions) => Promise<unknown>;
}

const NEW_MODEL = {
  slug: 'contract-ts-minilm-embed',
  name: 'MiniLM sentence embeddings',
  task: 'feature-extraction',
  tags: ['Embedding'],
  max_batch_size: 32,
  cache_ttl_seconds: 3600,
  visibility: 'private' as const,
  input_schema: { type: 'object', required: ['text'] },
  output_schema: { type: 'object' },
};
const MODEL_CHANGES = { max_batch_size: 100, cache_ttl_seconds: 3600 };
const NEW_DEPLOYMENT = {
  version: '2.1.0-contract-ts',
  runtime: 'lscor-logistic',
  artifact_uri: ARTIFACT_URI,
  activate: false,
};
const NEW_KEY = { name: 'CRM integration', scopes: ['predict' as const] };
const OUTCOME = { inference_log_id: EXAMPLE_LOG, outcome_score: 1, outcome_type: 'conversion' as const };
const NEW_ACCOUNT = { slug: 'contract-ts-acme-analytics', name: 'Acme Analytics', rate_limit_per_hour: 50000 };
const HUB_TOKEN_PATH = '/api/v1/account/credentials/huggingface';
const EMBEDDING_REQUEST = { model: 'minilm-embed', input: 'A short one.' };

export const OPERATIONS: Record<OperationId, Operation> = {
  listModels: {
    method: 'GET', path: '/api/v1/models', allow: 'GET, POST', wrongMethod: 'DELETE', scope: 'models:read',
    call: (client, options) => client.models.list({}, options),
  },
  createModel: {
    method: 'POST', path: '/api/v1/models', body: NEW_MODEL, allow: 'GET, POST', scope: 'models:write',
    call: (client, options) => client.models.create(NEW_MODEL, options),
  },
  getModel: {
    method: 'GET', path: '/api/v1/models/21', allow: 'GET, PATCH', wrongMethod: 'DELETE', scope: 'models:read',
    call: (client, options) => client.models.get('21', options),
  },
  updateModel: {
    method: 'PATCH', path: '/api/v1/models/21', body: MODEL_CHANGES, allow: 'GET, PATCH', scope: 'models:write',
    call: (client, options) => client.models.update('21', MODEL_CHANGES, options),
  },
  getModelInfo: {
    method: 'GET', path: '/api/v1/models/21/info', allow: 'GET', wrongMethod: 'DELETE', scope: 'models:read',
    call: (client, options) => client.models.info('21', options),
  },
  getModelHealth: {
    method: 'GET', path: '/api/v1/models/21/health', allow: 'GET', wrongMethod: 'DELETE',
    scope: 'models:read', call: (client, options) => client.models.health('21', options),
  },
  getModelUsage: {
    method: 'GET', path: '/api/v1/models/21/usage', allow: 'GET', wrongMethod: 'DELETE', scope: 'models:read',
    call: (client, options) => client.models.usage('21', {}, options),
  },
  predict: {
    method: 'POST', path: '/api/v1/models/21/predict', body: { inputs: LEAD }, allow: 'POST', wrongMethod: 'PUT',
    scope: 'predict', call: (client, options) => client.predictions.create('21', LEAD, options),
  },
  listModelDeployments: {
    method: 'GET', path: '/api/v1/models/21/deployments', allow: 'GET, POST', wrongMethod: 'DELETE',
    scope: 'models:read', call: (client, options) => client.deployments.list('21', options),
  },
  createDeployment: {
    method: 'POST', path: '/api/v1/models/21/deployments', body: NEW_DEPLOYMENT, allow: 'GET, POST',
    scope: 'models:write', call: (client, options) => client.deployments.create('21', NEW_DEPLOYMENT, options),
  },
  getDeployment: {
    method: 'GET', path: `/api/v1/deployments/${DEPLOYMENT_21}`, allow: 'DELETE, GET', wrongMethod: 'PUT',
    scope: 'models:read', call: (client, options) => client.deployments.get(DEPLOYMENT_21, options),
  },
  retireDeployment: {
    method: 'DELETE', path: `/api/v1/deployments/${UNKNOWN_DEPLOYMENT}`, allow: 'DELETE, GET', scope: 'models:write',
    call: (client, options) => client.deployments.retire(UNKNOWN_DEPLOYMENT, options),
  },
  activateDeployment: {
    method: 'POST', path: `/api/v1/deployments/${DEPLOYMENT_21}/activate`, allow: 'POST', wrongMethod: 'GET',
    scope: 'models:write', call: (client, options) => client.deployments.activate(DEPLOYMENT_21, options),
  },
  createApiKey: {
    method: 'POST', path: '/api/v1/api-keys', body: NEW_KEY, allow: 'GET, POST', wrongMethod: 'PUT', scope: 'admin',
    call: (client, options) => client.apiKeys.create(NEW_KEY, options),
  },
  listApiKeys: {
    method: 'GET', path: '/api/v1/api-keys', allow: 'GET, POST', scope: 'admin',
    call: (client, options) => client.apiKeys.list(options),
  },
  revokeApiKey: {
    method: 'DELETE', path: `/api/v1/api-keys/${UNKNOWN_KEY_ID}`, allow: 'DELETE', wrongMethod: 'GET', scope: 'admin',
    call: (client, options) => client.apiKeys.revoke(UNKNOWN_KEY_ID, options),
  },
  getUsage: {
    method: 'GET', path: '/api/v1/usage', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.usage.retrieve({}, options),
  },
  reportOutcome: {
    method: 'POST', path: '/api/v1/outcomes', body: OUTCOME, allow: 'POST', wrongMethod: 'GET', scope: 'predict',
    call: (client, options) => client.outcomes.report(OUTCOME, options),
  },
  getOwnAccount: {
    method: 'GET', path: '/api/v1/account', allow: 'GET', wrongMethod: 'DELETE', scope: 'models:read',
    call: (client, options) => client.accounts.retrieve(options),
  },
  setHuggingFaceCredential: {
    method: 'PUT', path: HUB_TOKEN_PATH, body: { token: HUB_TOKEN }, allow: 'DELETE, PUT', wrongMethod: 'GET',
    scope: 'admin', call: (client, options) => client.accounts.setHuggingFaceToken(HUB_TOKEN, options),
  },
  deleteHuggingFaceCredential: {
    method: 'DELETE', path: HUB_TOKEN_PATH, allow: 'DELETE, PUT', scope: 'admin',
    call: (client, options) => client.accounts.deleteHuggingFaceToken(options),
  },
  createAccount: {
    method: 'POST', path: '/api/v1/accounts', body: NEW_ACCOUNT, allow: 'POST', wrongMethod: 'GET',
    scope: 'platform:admin', call: (client, options) => client.accounts.create(NEW_ACCOUNT, options),
  },
  getAccount: {
    method: 'GET', path: `/api/v1/accounts/${OTHER_ACCOUNT_ID}`, allow: 'GET', wrongMethod: 'DELETE',
    scope: 'platform:admin', call: (client, options) => client.accounts.retrieve(OTHER_ACCOUNT_ID, options),
  },
  listAuditEvents: {
    method: 'GET', path: '/api/v1/audit-events', allow: 'GET', wrongMethod: 'DELETE', scope: 'admin',
    call: (client, options) => client.auditEvents.list({}, options),
  },
  getLiveness: { method: 'GET', path: '/health/live', allow: 'GET', wrongMethod: 'DELETE' },
  getReadiness: { method: 'GET', path: '/health/ready', allow: 'GET', wrongMethod: 'DELETE' },
  getOpenApiDocument: { method: 'GET', path: '/openapi.yaml', allow: 'GET', wrongMethod: 'DELETE' },
  getApiIndex: { method: 'GET', path: '/', allow: 'GET', wrongMethod: 'DELETE' },
  getInferenceServerMetadata: { method: 'GET', path: '/v2', allow: 'GET', wrongMethod: 'DELETE' },
  getInferenceServerLive: { method: 'GET', path: '/v2/health/live', allow: 'GET', wrongMethod: 'DELETE' },
  getInferenceServerReady: { method: 'GET', path: '/v2/health/ready', allow: 'GET', wrongMethod: 'DELETE' },
  getTensorModelMetadata: {
    method: 'GET', path: '/v2/models/21', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.inference.metadata('21', undefined, options),
  },
  getTensorModelVersionMetadata: {
    method: 'GET', path: '/v2/models/21/versions/2.0.0', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.inference.metadata('21', '2.0.0', options),
  },
  getTensorModelReady: {
    method: 'GET', path: '/v2/models/21/ready', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.inference.modelReady('21', undefined, options),
  },
  getTensorModelVersionReady: {
    method: 'GET', path: '/v2/models/21/versions/2.0.0/ready', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.inference.modelReady('21', '2.0.0', options),
  },
  inferTensors: {
    method: 'POST', path: '/v2/models/21/infer', body: LEAD_TENSORS, allow: 'POST', wrongMethod: 'GET',
    scope: 'predict', call: (client, options) => client.inference.infer('21', LEAD_TENSORS, undefined, options),
  },
  inferTensorsOfVersion: {
    method: 'POST', path: '/v2/models/21/versions/2.0.0/infer', body: LEAD_TENSORS, allow: 'POST',
    wrongMethod: 'GET', scope: 'predict',
    call: (client, options) => client.inference.infer('21', LEAD_TENSORS, '2.0.0', options),
  },
  createOpenAiEmbeddings: {
    method: 'POST', path: '/api/openai/v1/embeddings', body: EMBEDDING_REQUEST, allow: 'POST', wrongMethod: 'GET',
    scope: 'predict', call: (client, options) => client.embeddings.create(EMBEDDING_REQUEST, options),
  },
  listOpenAiModels: {
    method: 'GET', path: '/api/openai/v1/models', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.embeddings.listModels(options),
  },
  getOpenAiModel: {
    method: 'GET', path: '/api/openai/v1/models/minilm-embed', allow: 'GET', wrongMethod: 'DELETE', scope: 'predict',
    call: (client, options) => client.embeddings.getModel('minilm-embed', options),
  },
};

/** The headers the SDK sends besides the key: a JSON body's type, and an Idempotency-Key where the spec takes one. */
function sdkHeaders(operation: Operation): TemplateHeaders {
  return {
    ...(operation.body === undefined ? {} : jsonContent),
    ...(operation.method === 'POST' &&
    (operation.path.endsWith('/predict') ||
      operation.path.endsWith('/infer') ||
      operation.path === '/api/v1/outcomes' ||
      operation.path === '/api/openai/v1/embeddings')
      ? idempotencyKey
      : {}),
  };
}

async function failure(call: Promise<unknown>): Promise<HokusaiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HokusaiError);
  return error as HokusaiError;
}

const keyed = Object.entries(OPERATIONS).filter(([, operation]) => operation.scope !== undefined) as [
  OperationId,
  Operation & Required<Pick<Operation, 'scope' | 'call'>>,
][];

/** One interaction driven through the SDK: the request it must send, the problem it is answered with. */
function throughTheSdk(
  id: OperationId,
  operation: Operation & Required<Pick<Operation, 'scope' | 'call'>>,
  description: string,
  callers: readonly Caller[],
  requestHeaders: TemplateHeaders,
  status: number,
  answer: { headers?: TemplateHeaders; code: string },
) {
  let interaction = pact().addInteraction();
  for (const caller of callers) interaction = interaction.given(caller.state, caller.params);
  return interaction
    .uponReceiving(`${id}: ${description}`)
    .withRequest(operation.method, operation.path, (request) => {
      request.headers({ ...requestHeaders, ...sdkHeaders(operation) });
      if (operation.query) request.query(operation.query);
      if (operation.body !== undefined) request.jsonBody(operation.body);
    })
    .willRespondWith(status, (response) =>
      response
        .headers({ ...errorAnswerOn(operation.path), ...answer.headers })
        .jsonBody(errorOn(operation.path, status, answer.code)),
    );
}

describe('every operation refuses an unknown key, a missing scope and a spent limit (consumer hokusai-sdk-typescript)', () => {
  it.each(keyed)('%s: a key the server never issued → AuthenticationError', async (id, operation) => {
    await throughTheSdk(id, operation, 'a key the server never issued', [], withUnknownKey, 401, {
      code: 'invalid_api_key',
      headers: { 'WWW-Authenticate': regex('Bearer .*', 'Bearer realm="hokusai", error="invalid_token"') },
    }).executeTest(async (server) => {
      const error = await failure(operation.call(sdk(server, UNKNOWN_KEY), {}));

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.code).toBe('invalid_api_key');
      expect(error.requestId).toBeTruthy();
    });
  });

  it.each(keyed)('%s: a key without the scope → PermissionError', async (id, operation) => {
    await throughTheSdk(
      id,
      operation,
      `a key without the ${operation.scope} scope`,
      [LACKING[operation.scope]],
      authenticated,
      403,
      { code: 'insufficient_scope' },
    ).executeTest(async (server) => {
      const error = await failure(operation.call(sdk(server), {}));

      expect(error).toBeInstanceOf(PermissionError);
      expect(error.code).toBe('insufficient_scope');
    });
  });

  it.each(keyed)('%s: a key over its hourly limit → RateLimitError with retryAfter', async (id, operation) => {
    await throughTheSdk(
      id,
      operation,
      'a key over its hourly limit',
      [{ state: States.KEY_OVER_LIMIT, params: scopes(operation.scope) }],
      authenticated,
      429,
      {
        code: 'rate_limited',
        headers: { 'Retry-After': regex('\\d+', '1740'), RateLimit: regex('.+', '"hour";r=0;t=1740') },
      },
    ).executeTest(async (server) => {
      const error = await failure(operation.call(sdk(server), {}));

      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfter).toBe(1740);
      expect((error as RateLimitError).rateLimit?.remaining).toBe(0);
    });
  });

  it.each(keyed)('%s: an X-Request-Id with spaces → InvalidRequestError', async (id, operation) => {
    await throughTheSdk(
      id,
      operation,
      'an X-Request-Id with spaces',
      [ALLOWED[operation.scope]],
      { ...authenticated, 'X-Request-Id': 'not a request id' },
      400,
      { code: 'invalid_parameter' },
    ).executeTest(async (server) => {
      const error = await failure(operation.call(sdk(server), { requestId: 'not a request id' }));

      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.status).toBe(400);
    });
  });
});

/** A request no SDK sends, built by hand against the mock server. */
async function handBuilt(server: V3MockServer, method: string, operation: Operation, headers: Record<string, string>, body?: string) {
  const query = operation.query ? `?${new URLSearchParams(operation.query).toString()}` : '';
  const keyHeader: Record<string, string> = operation.scope ? { Authorization: `Bearer hk_test_ContractExampleKey0000000000000` } : {};
  return fetch(`${server.url}${operation.path}${query}`, { method, headers: { ...keyHeader, ...headers }, body });
}

function handBuiltInteraction(id: OperationId, description: string, caller: Caller) {
  return pact()
    .addInteraction()
    .given(caller.state, caller.params)
    .uponReceiving(`${id}, hand-built: ${description}`);
}

const ADMIN: Caller = { state: States.KEY_ADMIN, params: scopes('admin') };
const withWrongMethod = Object.entries(OPERATIONS).filter(([, operation]) => operation.wrongMethod) as [
  OperationId,
  Operation & { wrongMethod: string },
][];
const withBody = Object.entries(OPERATIONS).filter(([, operation]) => operation.body !== undefined) as [
  OperationId,
  Operation,
][];

describe('every route answers what any HTTP client can send wrong (consumer hokusai-sdk-typescript)', () => {
  it.each(withWrongMethod)('%s: a method the route does not take → 405 with Allow', async (id, operation) => {
    await handBuiltInteraction(id, `${operation.wrongMethod} on ${operation.path}`, ADMIN)
      .withRequest(operation.wrongMethod, operation.path, (request) => {
        if (operation.scope) request.headers(authenticated);
        if (operation.query) request.query(operation.query);
      })
      .willRespondWith(405, (response) =>
        response
          // Pact splits a header's value at commas: each method is matched on its own.
          .headers({ ...errorAnswerOn(operation.path), Allow: regex(operation.allow.replace(', ', '|'), operation.allow) })
          .jsonBody(errorOn(operation.path, 405, 'method_not_allowed')),
      )
      .executeTest(async (server) => {
        const response = await handBuilt(server, operation.wrongMethod, operation, {});

        expect(response.status).toBe(405);
        expect(response.headers.get('Allow')).toBe(operation.allow);
      });
  });

  it.each(Object.entries(OPERATIONS) as [OperationId, Operation][])(
    '%s: an Accept no answer of it has → 406',
    async (id, operation) => {
      const body = operation.body === undefined ? undefined : JSON.stringify(operation.body);
      await handBuiltInteraction(id, 'Accept: application/xml', ADMIN)
        .withRequest(operation.method, operation.path, (request) => {
          request.headers({ ...(operation.scope ? authenticated : {}), Accept: 'application/xml' });
          if (operation.query) request.query(operation.query);
          if (operation.body !== undefined) request.jsonBody(operation.body);
        })
        .willRespondWith(406, (response) =>
          response.headers(errorAnswerOn(operation.path)).jsonBody(errorOn(operation.path, 406, 'not_acceptable')),
        )
        .executeTest(async (server) => {
          const response = await handBuilt(server, operation.method, operation, {
            Accept: 'application/xml',
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          }, body);

          expect(response.status).toBe(406);
        });
    },
  );

  it.each(withBody)('%s: a text/plain body instead of JSON → 415', async (id, operation) => {
    const caller = ALLOWED[operation.scope ?? 'admin'];
    await handBuiltInteraction(id, 'a text/plain body instead of JSON', caller)
      .withRequest(operation.method, operation.path, (request) =>
        request.headers({ ...authenticated, 'Content-Type': 'text/plain' }).body('text/plain', Buffer.from('slug=lead-scorer')),
      )
      .willRespondWith(415, (response) =>
        response.headers(errorAnswerOn(operation.path)).jsonBody(errorOn(operation.path, 415, 'unsupported_media_type')),
      )
      .executeTest(async (server) => {
        const response = await handBuilt(server, operation.method, operation, { 'Content-Type': 'text/plain' }, 'slug=lead-scorer');

        expect(response.status).toBe(415);
        const answer = (await response.json()) as { code?: string; error?: { code?: string } };
        expect(answer.error?.code ?? answer.code).toBe('unsupported_media_type');
      });
  });
});
