import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ServerError } from '../../src/index.js';
import {
  artifact,
  authenticated,
  DEPLOYMENT_21,
  deployment,
  jsonAnswer,
  OPERATOR_ACCOUNT_ID,
  pact,
  problem,
  problemAnswer,
  REQUEST_ID_PATTERN,
  scopes,
  sdk,
  SLUG_PATTERN,
  States,
  timestamp,
  UNKNOWN_DEPLOYMENT,
} from './contract.js';

const { atLeastLike, boolean, fromProviderState, integer, like, regex, uuid } = MatchersV3;
const EXAMPLE_KEY_ID = '3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

describe('serving facts, deployments, keys and accounts (consumer hokusai-sdk-typescript)', () => {
  it('reads the serving facts of model 21 with the deprecation notice of their old fields', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('getModelInfo: the serving facts of model 21')
      .withRequest('GET', '/api/v1/models/21/info', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        response
          .headers({
            ...jsonAnswer,
            Deprecation: regex('@\\d+', '@1796083200'),
            // Pact splits a header's value at commas, and an HTTP date has one: each part is matched on its own.
            Sunset: regex(
              '([A-Z][a-z]{2}, )?\\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT|[A-Z][a-z]{2}',
              'Wed, 30 Jun 2027 00:00:00 GMT',
            ),
            Link: regex('<[^>]+>;.*rel="deprecation".*', '</docs/changelog.html#deprecated-fields>; rel="deprecation"; type="text/html"'),
          })
          .jsonBody({
            id: integer(21),
            model_id: integer(21),
            slug: regex(SLUG_PATTERN, 'lscor-v2'),
            name: like('Sales Lead Scoring v2'),
            task: like('tabular-classification'),
            model_type: like('tabular-classification'),
            storage: artifact(),
            artifact: { provider: regex('bundled|huggingface|filesystem', 'bundled'), requires_token: boolean(false) },
            available: boolean(true),
            deployment_id: uuid(DEPLOYMENT_21),
            model_version: like('2.0.0'),
            max_batch_size: integer(100),
            cache_ttl_seconds: integer(3600),
          }),
      )
      .executeTest(async (server) => {
        const response = await sdk(server).models.withRawResponse().info('21');

        expect(response.deprecation?.deprecatedSince).toBeInstanceOf(Date);
        expect(response.deprecation?.sunset).toBeInstanceOf(Date);
        expect(response.deprecation?.link).toBeTruthy();
        expect(response.value.available).toBe(true);
        expect(response.value.max_batch_size).toBeGreaterThan(0);
      });
  });

  it('warms model 21 up, leaving it ready for inference', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('getModelHealth: warming model 21 up')
      .withRequest('GET', '/api/v1/models/21/health', (request) => request.headers(authenticated).query({ warmup: 'true' }))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          model_id: integer(21),
          deployment_id: uuid(DEPLOYMENT_21),
          status: 'ready',
          is_cached: boolean(true),
          inference_ready: boolean(true),
          loaded_at: timestamp(),
        }),
      )
      .executeTest(async (server) => {
        const health = await sdk(server).models.warmUp('21');

        expect(health.status).toBe('ready');
        expect(health.inference_ready).toBe(true);
      });
  });

  it('says a model whose artifact cannot load is unavailable when warmed up', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.BROKEN_MODEL)
      .uponReceiving('getModelHealth: a model whose artifact cannot be loaded')
      .withRequest('GET', '/api/v1/models/9503/health', (request) => request.headers(authenticated).query({ warmup: 'true' }))
      .willRespondWith(503, (response) =>
        response.headers({ ...problemAnswer, 'Retry-After': regex('\\d+', '30') }).jsonBody(problem(503, 'model_unavailable')),
      )
      .executeTest(async (server) => {
        const error = await sdk(server).models.warmUp('9503').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ServerError);
        expect((error as ServerError).code).toBe('model_unavailable');
      });
  });

  it('lists the deployments of model 21 with their artifacts', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('listModelDeployments: the deployments of model 21')
      .withRequest('GET', '/api/v1/models/21/deployments', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ data: atLeastLike(deployment(), 1, 1) }))
      .executeTest(async (server) => {
        const list = await sdk(server).deployments.list('21');

        expect(list.data.length).toBeGreaterThan(0);
        expect(list.data[0]?.artifact.provider).toBeTruthy();
      });
  });

  it('reads the live deployment of model 21', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('getDeployment: the live deployment of model 21')
      .withRequest('GET', `/api/v1/deployments/${DEPLOYMENT_21}`, (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody(deployment()))
      .executeTest(async (server) => {
        const found = await sdk(server).deployments.get(DEPLOYMENT_21);

        expect(found.model_id).toBe(21);
      });
  });

  it('says a UUID no deployment has is not found', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.NO_DEPLOYMENT)
      .uponReceiving('getDeployment: a UUID no deployment has')
      .withRequest('GET', `/api/v1/deployments/${UNKNOWN_DEPLOYMENT}`, (request) => request.headers(authenticated))
      .willRespondWith(404, (response) => response.headers(problemAnswer).jsonBody(problem(404, 'deployment_not_found')))
      .executeTest(async (server) => {
        await expect(sdk(server).deployments.get(UNKNOWN_DEPLOYMENT)).rejects.toBeInstanceOf(NotFoundError);
      });
  });

  it('lists every key, masked to its prefix', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .uponReceiving('listApiKeys: every key, masked')
      .withRequest('GET', '/api/v1/api-keys', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          data: atLeastLike(
            {
              account_id: uuid(OPERATOR_ACCOUNT_ID),
              id: uuid(EXAMPLE_KEY_ID),
              prefix: regex('hk_(live|test)_[0-9A-Za-z]{8}', 'hk_live_7Qm2xT9a'),
              name: like('CRM integration'),
              // The operator's keys hold platform:admin, which is not one of these scopes: their list may be empty.
              scopes: atLeastLike(regex('predict|models:read|models:write|admin', 'predict'), 0, 1),
              rate_limit_per_hour: integer(1000),
              created_at: timestamp(),
            },
            1,
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const keys = await sdk(server).apiKeys.list();

        expect(keys.data.length).toBeGreaterThan(0);
        for (const key of keys.data) expect(key.prefix).toHaveLength(16);
      });
  });

  it('revokes a key that exists', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_ADMIN, scopes('admin'))
      .given(States.KEY_TO_REVOKE)
      .uponReceiving('revokeApiKey: a key that exists')
      .withRequest('DELETE', fromProviderState('/api/v1/api-keys/${keyId}', `/api/v1/api-keys/${EXAMPLE_KEY_ID}`), (request) =>
        request.headers(authenticated),
      )
      .willRespondWith(204, (response) => response.headers({ 'X-Request-Id': regex(REQUEST_ID_PATTERN, 'req_3f9a1c') }))
      .executeTest(async (server) => {
        const revoked = await sdk(server).apiKeys.withRawResponse().revoke(EXAMPLE_KEY_ID);

        expect(revoked.status).toBe(204);
        expect(revoked.value).toBeUndefined();
      });
  });

  it('reads the account the calling key belongs to', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .uponReceiving('getOwnAccount: the account the calling key belongs to')
      .withRequest('GET', '/api/v1/account', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          id: uuid(OPERATOR_ACCOUNT_ID),
          slug: regex(SLUG_PATTERN, 'hokusai'),
          name: like('Hokusai'),
          created_at: timestamp(),
        }),
      )
      .executeTest(async (server) => {
        const account = await sdk(server).accounts.retrieve();

        expect(account.id).toBeTruthy();
        expect(account.slug).toBeTruthy();
      });
  });
});
