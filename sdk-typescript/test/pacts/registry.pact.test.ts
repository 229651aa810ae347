import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.js';
import {
  authenticated,
  EXAMPLE_LOG,
  idempotencyKey,
  jsonAnswer,
  jsonContent,
  model,
  OPERATOR_ACCOUNT_ID,
  pact,
  problem,
  problemAnswer,
  scopes,
  sdk,
  States,
  timestamp,
} from './contract.js';

const { atLeastLike, fromProviderState, integer, like, number, regex, uuid } = MatchersV3;
const DATE = '\\d{4}-\\d{2}-\\d{2}';

describe('models, usage, outcomes and system (consumer hokusai-sdk-typescript)', () => {
  it('lists one page of models and the cursor of the next', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.TWO_MODELS)
      .uponReceiving('listModels: the first page, one model per page')
      .withRequest('GET', '/api/v1/models', (request) => request.headers(authenticated).query({ limit: '1' }))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          data: atLeastLike(model(), 1, 1),
          has_more: true,
          next_cursor: regex('[A-Za-z0-9_-]+', 'MjE'),
        }),
      )
      .executeTest(async (server) => {
        const page = await sdk(server).models.list({ limit: 1 });

        expect(page.data).toHaveLength(1);
        expect(page.has_more).toBe(true);
        expect(page.next_cursor).toBeTruthy();
      });
  });

  it('reads model 21 by its number', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('getModel: model 21 by its number')
      .withRequest('GET', '/api/v1/models/21', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ ...model(), ticker: like('LSCOR') }))
      .executeTest(async (server) => {
        const found = await sdk(server).models.get('21');

        expect(found.id).toBe(21);
        expect(found.slug).toBeTruthy();
      });
  });

  it('says a model number nobody registered is not found', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_MODELS_READ, scopes('models:read'))
      .given(States.NO_MODEL_999)
      .uponReceiving('getModel: a model number nobody registered')
      .withRequest('GET', '/api/v1/models/999', (request) => request.headers(authenticated))
      .willRespondWith(404, (response) => response.headers(problemAnswer).jsonBody(problem(404, 'model_not_found')))
      .executeTest(async (server) => {
        await expect(sdk(server).models.get('999')).rejects.toBeInstanceOf(NotFoundError);
      });
  });

  it('counts the caller\'s predictions per model and day', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .uponReceiving("getUsage: the caller's counts for the last 30 days")
      .withRequest('GET', '/api/v1/usage', (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        // Counts reach the report in batches, so a fresh key may have no row yet: zero or more rows.
        response.headers(jsonAnswer).jsonBody({
          account_id: uuid(OPERATOR_ACCOUNT_ID),
          key_id: uuid('3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f'),
          from: regex(DATE, '2026-10-28'),
          to: regex(DATE, '2026-11-27'),
          data: atLeastLike(
            { date: regex(DATE, '2026-11-27'), model_id: integer(21), requests: integer(2), predictions: integer(5), tokens: integer(0) },
            0,
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const report = await sdk(server).usage.retrieve();

        expect(report.from <= report.to).toBe(true);
      });
  });

  it('records the outcome of the caller\'s own prediction', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.CALLER_PREDICTED)
      .uponReceiving("reportOutcome: the caller's own prediction converted")
      .withRequest('POST', '/api/v1/outcomes', (request) =>
        request.headers({ ...authenticated, ...jsonContent, ...idempotencyKey }).jsonBody({
          inference_log_id: fromProviderState('${inferenceLogId}', EXAMPLE_LOG),
          outcome_score: number(1),
          outcome_type: like('conversion'),
        }),
      )
      .willRespondWith(201, (response) =>
        response.headers(jsonAnswer).jsonBody({
          id: uuid('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'),
          inference_log_id: uuid(EXAMPLE_LOG),
          outcome_score: number(1),
          outcome_type: like('conversion'),
          created_at: timestamp(),
        }),
      )
      .executeTest(async (server) => {
        const outcome = await sdk(server).outcomes.report({
          inference_log_id: EXAMPLE_LOG,
          outcome_score: 1.0,
          outcome_type: 'conversion',
        });

        expect(outcome.inference_log_id).toBe(EXAMPLE_LOG);
        expect(outcome.id).toBeTruthy();
      });
  });

  it('reads the server\'s index without a key', async () => {
    await pact()
      .addInteraction()
      .uponReceiving('getApiIndex: where to start')
      .withRequest('GET', '/')
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          name: like('Hokusai Model API'),
          version: like('1.0.0'),
          links: { api: '/api/v1', docs: '/docs/', openapi: '/openapi.yaml', liveness: '/health/live', readiness: '/health/ready' },
        }),
      )
      .executeTest(async (server) => {
        const index = await sdk(server).system.index();

        expect(index.links.api).toBe('/api/v1');
      });
  });

  it('asks whether the process runs', async () => {
    await pact()
      .addInteraction()
      .uponReceiving('getLiveness: is the process running')
      .withRequest('GET', '/health/live')
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ status: 'UP', checks: {} }))
      .executeTest(async (server) => {
        await expect(sdk(server).system.liveness()).resolves.toEqual({ status: 'UP', checks: {} });
      });
  });
});
