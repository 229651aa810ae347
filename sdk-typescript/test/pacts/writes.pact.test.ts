import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_URI,
  authenticated,
  DEPLOYMENT_21,
  deployment,
  HUB_TOKEN,
  jsonAnswer,
  jsonContent,
  model,
  OPERATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  pact,
  REQUEST_ID_PATTERN,
  RETIRABLE_DEPLOYMENT,
  scopes,
  sdk,
  SLUG_PATTERN,
  States,
  timestamp,
} from './contract.js';

const { atLeastLike, decimal, eachLike, fromProviderState, integer, like, regex, uuid } = MatchersV3;
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const EXAMPLE_KEY_ID = '3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const noContent = { 'X-Request-Id': regex(REQUEST_ID_PATTERN, 'req_3f9a1c') };

/**
 * A text body recorded as text with its media type. Pact's V4 builder offers only `body(contentType, Buffer)`, which
 * records any bytes as a binary body of type `*\/*`, and a binary body is compared byte for byte, whatever its
 * matching rules say; the interaction underneath records text as text.
 */
function textBody(response: object, contentType: string, text: string): void {
  (response as unknown as { interaction: { withResponseBody(body: string, type: string): void } }).interaction.withResponseBody(
    text,
    contentType,
  );
}

function account(id: string, slug: string): Record<string, unknown> {
  return { id: uuid(id), slug: regex(SLUG_PATTERN, slug), name: like('Acme Analytics'), created_at: timestamp() };
}

// What these interactions create (a model, a deployment version, an account) is named for this consumer alone: the
// provider verifies both SDKs' pacts against one server, one after the other, and a slug or version taken by the
// Java SDK's interactions would be a 409 here.
describe('the registry, keys and accounts written through the SDK (consumer hokusai-sdk-typescript)', () => {
  it('registers a private sentence encoder', async () => {
    const encoder = {
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
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('createModel: a sentence encoder')
      .withRequest('POST', '/api/v1/models', (request) => request.headers({ ...authenticated, ...jsonContent }).jsonBody(encoder))
      .willRespondWith(201, (response) =>
        response.headers(jsonAnswer).jsonBody({
          id: integer(22),
          slug: 'contract-ts-minilm-embed',
          name: like('MiniLM sentence embeddings'),
          description: like(''),
          tags: eachLike('Embedding'),
          task: like('feature-extraction'),
          max_batch_size: integer(32),
          cache_ttl_seconds: integer(3600),
          input_schema: like({ type: 'object' }),
          output_schema: like({ type: 'object' }),
          created_at: timestamp(),
          visibility: 'private',
          owner_account_id: uuid(OPERATOR_ACCOUNT_ID),
        }),
      )
      .executeTest(async (server) => {
        const created = await sdk(server).models.withRawResponse().create(encoder);

        expect(created.status).toBe(201);
        expect(created.value.slug).toBe('contract-ts-minilm-embed');
        expect(created.value.visibility).toBe('private');
      });
  });

  it("changes model 21's batch limit and cache duration", async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving("updateModel: model 21's batch limit and cache duration")
      .withRequest('PATCH', '/api/v1/models/21', (request) =>
        request.headers({ ...authenticated, ...jsonContent }).jsonBody({ max_batch_size: 100, cache_ttl_seconds: 3600 }),
      )
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody(model()))
      .executeTest(async (server) => {
        const updated = await sdk(server).models.update('21', { max_batch_size: 100, cache_ttl_seconds: 3600 });

        expect(updated.max_batch_size).toBe(100);
        expect(updated.cache_ttl_seconds).toBe(3600);
      });
  });

  it('deploys a new version of model 21, loading in the background (202)', async () => {
    const version = { version: '2.1.0-contract-ts', runtime: 'lscor-logistic', artifact_uri: ARTIFACT_URI, activate: false };
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('createDeployment: a new version of model 21')
      .withRequest('POST', '/api/v1/models/21/deployments', (request) =>
        request.headers({ ...authenticated, ...jsonContent }).jsonBody(version),
      )
      .willRespondWith(202, (response) =>
        response.headers(jsonAnswer).jsonBody({ ...deployment(), status: 'inactive', version: like('2.1.0-contract-ts') }),
      )
      .executeTest(async (server) => {
        const created = await sdk(server).deployments.withRawResponse().create('21', version);

        expect(created.status).toBe(202);
        expect(created.value.status).toBe('inactive');
      });
  });

  it("activates model 21's live deployment again, which changes nothing", async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving("activateDeployment: model 21's live deployment")
      .withRequest('POST', `/api/v1/deployments/${DEPLOYMENT_21}/activate`, (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ ...deployment(), status: 'active' }))
      .executeTest(async (server) => {
        const active = await sdk(server).deployments.activate(DEPLOYMENT_21);

        expect(active.status).toBe('active');
      });
  });

  it('retires a ready deployment that is not active', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.RETIRABLE_DEPLOYMENT)
      .uponReceiving('retireDeployment: a ready deployment that is not active')
      .withRequest(
        'DELETE',
        fromProviderState('/api/v1/deployments/${deploymentId}', `/api/v1/deployments/${RETIRABLE_DEPLOYMENT}`),
        (request) => request.headers(authenticated),
      )
      .willRespondWith(204, (response) => response.headers(noContent))
      .executeTest(async (server) => {
        const retired = await sdk(server).deployments.withRawResponse().retire(RETIRABLE_DEPLOYMENT);

        expect(retired.status).toBe(204);
      });
  });

  it('issues a predict key for an integration, shown once in full', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .uponReceiving('createApiKey: a predict key for an integration')
      .withRequest('POST', '/api/v1/api-keys', (request) =>
        request.headers({ ...authenticated, ...jsonContent }).jsonBody({ name: 'CRM integration', scopes: ['predict'] }),
      )
      .willRespondWith(201, (response) =>
        response.headers(jsonAnswer).jsonBody({
          id: uuid(EXAMPLE_KEY_ID),
          account_id: uuid(OPERATOR_ACCOUNT_ID),
          key: regex('hk_(live|test)_[0-9A-Za-z]{32,}', 'hk_live_7Qm2xT9aZ0bC1dE2fG3hJ4kL5mN6pQ7r'),
          prefix: regex('hk_(live|test)_[0-9A-Za-z]{8}', 'hk_live_7Qm2xT9a'),
          name: 'CRM integration',
          scopes: ['predict'],
          rate_limit_per_hour: integer(1000),
          created_at: timestamp(),
        }),
      )
      .executeTest(async (server) => {
        const key = await sdk(server).apiKeys.create({ name: 'CRM integration', scopes: ['predict'] });

        expect(key.key.startsWith(key.prefix)).toBe(true);
        expect(key.scopes).toEqual(['predict']);
      });
  });

  it("stores the account's Hub token and never echoes it", async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .uponReceiving("setHuggingFaceCredential: the account's Hub token")
      .withRequest('PUT', '/api/v1/account/credentials/huggingface', (request) =>
        request.headers({ ...authenticated, ...jsonContent }).jsonBody({ token: HUB_TOKEN }),
      )
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({ provider: 'huggingface', updated_at: timestamp() }),
      )
      .executeTest(async (server) => {
        const stored = await sdk(server).accounts.setHuggingFaceToken(HUB_TOKEN);

        expect(stored.provider).toBe('huggingface');
        expect(JSON.stringify(stored)).not.toContain(HUB_TOKEN);
      });
  });

  it("deletes the account's Hub token, stored or not", async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .uponReceiving("deleteHuggingFaceCredential: the account's Hub token, stored or not")
      .withRequest('DELETE', '/api/v1/account/credentials/huggingface', (request) => request.headers(authenticated))
      .willRespondWith(204, (response) => response.headers(noContent))
      .executeTest(async (server) => {
        await expect(sdk(server).accounts.deleteHuggingFaceToken()).resolves.toBeUndefined();
      });
  });

  it('opens an account for a publisher, with an hourly limit for all its keys', async () => {
    const publisher = { slug: 'contract-ts-acme-analytics', name: 'Acme Analytics', rate_limit_per_hour: 50000 };
    await pact()
      .addInteraction()
      .given(States.OPERATOR)
      .uponReceiving('createAccount: a publisher with an hourly limit for all its keys')
      .withRequest('POST', '/api/v1/accounts', (request) =>
        request.headers({ ...authenticated, ...jsonContent }).jsonBody(publisher),
      )
      .willRespondWith(201, (response) =>
        response
          .headers(jsonAnswer)
          .jsonBody({ ...account(OTHER_ACCOUNT_ID, 'contract-ts-acme-analytics'), rate_limit_per_hour: integer(50000) }),
      )
      .executeTest(async (server) => {
        const opened = await sdk(server).accounts.create(publisher);

        expect(opened.slug).toBe('contract-ts-acme-analytics');
        expect(opened.rate_limit_per_hour).toBe(50000);
      });
  });

  it('reads another account, as the operator', async () => {
    await pact()
      .addInteraction()
      .given(States.OPERATOR)
      .given(States.OTHER_ACCOUNT)
      .uponReceiving('getAccount: another account, by the operator')
      .withRequest('GET', `/api/v1/accounts/${OTHER_ACCOUNT_ID}`, (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody(account(OTHER_ACCOUNT_ID, 'acme-analytics')))
      .executeTest(async (server) => {
        const other = await sdk(server).accounts.retrieve(OTHER_ACCOUNT_ID);

        expect(other.id).toBe(OTHER_ACCOUNT_ID);
      });
  });

  it('reads the audit trail of the calling key', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .uponReceiving('listAuditEvents: the events about the calling key')
      .withRequest('GET', '/api/v1/audit-events', (request) =>
        request
          .headers(authenticated)
          .query({ object_type: 'api_key', object_id: fromProviderState('${callerKeyId}', EXAMPLE_KEY_ID) }),
      )
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          data: eachLike({
            id: uuid('7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'),
            account_id: uuid(OPERATOR_ACCOUNT_ID),
            object_type: 'api_key',
            object_id: uuid(EXAMPLE_KEY_ID),
            operation: regex('api_key\\.[a-z_]+', 'api_key.create'),
            changes: like({ name: 'contract test key' }),
            occurred_at: timestamp(),
          }),
          has_more: false,
        }),
      )
      .executeTest(async (server) => {
        const events = await sdk(server).auditEvents.list({ object_type: 'api_key', object_id: EXAMPLE_KEY_ID });

        expect(events.data.length).toBeGreaterThan(0);
        for (const event of events.data) expect(event.object_type).toBe('api_key');
      });
  });

  it("reads model 21's calls per account and day, as its own account", async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.CALLER_PREDICTED)
      .uponReceiving("getModelUsage: model 21's calls, read by its own account")
      .withRequest('GET', '/api/v1/models/21/usage', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          model_id: integer(21),
          from: regex(DATE, '2026-10-29'),
          to: regex(DATE, '2026-11-27'),
          data: atLeastLike(
            {
              date: regex(DATE, '2026-11-27'),
              account_id: uuid(OPERATOR_ACCOUNT_ID),
              requests: integer(40),
              predictions: integer(52),
              tokens: integer(0),
              failed_requests: integer(2),
              latency_ms_mean: decimal(0.6),
              latency_ms_p95: decimal(1.4),
            },
            0,
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const report = await sdk(server).models.usage('21');

        expect(report.model_id).toBe(21);
        expect(report.from <= report.to).toBe(true);
      });
  });

  it('reads the contract itself, as YAML', async () => {
    await pact()
      .addInteraction()
      .uponReceiving('getOpenApiDocument: the contract itself')
      .withRequest('GET', '/openapi.yaml')
      .willRespondWith(200, (response) => {
        response
          .headers({ 'Content-Type': regex('application/yaml.*', 'application/yaml') })
          // The whole document is not the point: that it is the contract, in YAML, is.
          .matchingRules({ body: { path: '$', rules: [regex('(?s)openapi: 3\\.0\\.\\d+\\s.*', 'openapi: 3.0.3\n')] } });
        textBody(response, 'application/yaml', 'openapi: 3.0.3\ninfo:\n  title: Hokusai Model API\n');
      })
      .executeTest(async (server) => {
        const document = await sdk(server).system.openApiDocument();

        expect(document).toMatch(/^openapi: 3\.0\.\d+/);
      });
  });

  it('asks whether the server can take traffic, and hears UP', async () => {
    await pact()
      .addInteraction()
      .uponReceiving('getReadiness: the database answers')
      .withRequest('GET', '/health/ready')
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ status: 'UP', checks: { database: 'UP' } }))
      .executeTest(async (server) => {
        await expect(sdk(server).system.readiness()).resolves.toEqual({ status: 'UP', checks: { database: 'UP' } });
      });
  });

  it('hears DOWN, as a value and not an error, while the database does not answer', async () => {
    await pact()
      .addInteraction()
      .given(States.DATABASE_DOWN)
      .uponReceiving('getReadiness: the database does not answer')
      .withRequest('GET', '/health/ready')
      .willRespondWith(503, (response) =>
        response.headers(jsonAnswer).jsonBody({ status: 'DOWN', checks: { database: 'DOWN' } }),
      )
      .executeTest(async (server) => {
        const readiness = await sdk(server).system.withRawResponse().readiness();

        expect(readiness.status).toBe(503);
        expect(readiness.value.status).toBe('DOWN');
      });
  });
});
