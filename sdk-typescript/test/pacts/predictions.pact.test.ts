import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  ServerError,
  type LeadScore,
} from '../../src/index.js';
import {
  authenticated,
  idempotencyKey,
  jsonAnswer,
  jsonContent,
  LEAD,
  leadScore,
  pact,
  predictEnvelope,
  problem,
  problemAnswer,
  scopes,
  sdk,
  States,
  USED_IDEMPOTENCY_KEY,
} from './contract.js';

const { atLeastLike, like, regex } = MatchersV3;
const PREDICT = '/api/v1/models/21/predict';
const predictHeaders = { ...authenticated, ...jsonContent, ...idempotencyKey };

async function caught(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('predict (consumer hokusai-sdk-typescript)', () => {
  it('scores one lead, typed, with its tier and factors', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('predict: one lead scored by model 21')
      .withRequest('POST', PREDICT, (request) => request.headers(predictHeaders).jsonBody({ inputs: like(LEAD) }))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody(predictEnvelope(1, leadScore())))
      .executeTest(async (server) => {
        const response = await sdk(server).predictions.withRawResponse().create('21', LEAD);

        expect(response.value.predictions.lead_score).toBeGreaterThanOrEqual(0);
        expect(['Hot', 'Warm', 'Cold']).toContain(response.value.predictions.recommendation);
        expect(response.value.predictions.factors.length).toBeGreaterThan(0);
        expect(response.value.inference_log_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(response.requestId).toBeTruthy();
      });
  });

  it('scores a batch, one score per lead in order', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('predict: a batch of two leads scored by model 21')
      .withRequest('POST', PREDICT, (request) =>
        request.headers(predictHeaders).jsonBody({ inputs: atLeastLike(LEAD, 1, 2) }),
      )
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody(predictEnvelope(2, atLeastLike(leadScore(), 1, 2))),
      )
      .executeTest(async (server) => {
        const batch = await sdk(server).predictions.createBatch('21', [LEAD, LEAD]);

        expect(batch.predictions).toHaveLength(2);
      });
  });

  it('names the invalid fields of a lead by pointer (422)', async () => {
    const wrong = { ...LEAD, company_size: 'a thousand' };
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.MODEL_21_ACTIVE)
      .uponReceiving('predict: a lead with a string for company_size')
      .withRequest('POST', PREDICT, (request) =>
        request.headers(predictHeaders).jsonBody({ inputs: wrong }),
      )
      .willRespondWith(422, (response) => response.headers(problemAnswer).jsonBody(problem(422, 'invalid_input', true)))
      .executeTest(async (server) => {
        const error = await caught(sdk(server).predictions.create<LeadScore>('21', wrong));

        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as InvalidRequestError).code).toBe('invalid_input');
        expect((error as InvalidRequestError).pointers.length).toBeGreaterThan(0);
      });
  });

  it('says an Idempotency-Key used for another request is a conflict (409)', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.MODEL_21_ACTIVE)
      .given(States.IDEMPOTENCY_KEY_USED)
      .uponReceiving('predict: an Idempotency-Key already used for another request')
      .withRequest('POST', PREDICT, (request) =>
        request
          .headers({ ...authenticated, ...jsonContent, 'Idempotency-Key': USED_IDEMPOTENCY_KEY })
          .jsonBody({ inputs: like(LEAD) }),
      )
      .willRespondWith(409, (response) => response.headers(problemAnswer).jsonBody(problem(409, 'idempotency_conflict')))
      .executeTest(async (server) => {
        const error = await caught(
          sdk(server).predictions.create('21', LEAD, { idempotencyKey: USED_IDEMPOTENCY_KEY }),
        );

        expect(error).toBeInstanceOf(IdempotencyError);
        expect((error as IdempotencyError).inProgress).toBe(false);
      });
  });

  it('says a model nobody registered is not found (404)', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.NO_MODEL_999)
      .uponReceiving('predict: a model number nobody registered')
      .withRequest('POST', '/api/v1/models/999/predict', (request) =>
        request.headers(predictHeaders).jsonBody({ inputs: like(LEAD) }),
      )
      .willRespondWith(404, (response) => response.headers(problemAnswer).jsonBody(problem(404, 'model_not_found')))
      .executeTest(async (server) => {
        const error = await caught(sdk(server).predictions.create('999', LEAD));

        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).code).toBe('model_not_found');
      });
  });

  it('says a model whose artifact cannot load is unavailable for now (503)', async () => {
    await pact()
      .addInteraction()
      .given(States.KEY_PREDICT, scopes('predict'))
      .given(States.BROKEN_MODEL)
      .uponReceiving('predict: a model whose artifact cannot be loaded')
      .withRequest('POST', '/api/v1/models/9503/predict', (request) =>
        request.headers(predictHeaders).jsonBody({ inputs: like(LEAD) }),
      )
      .willRespondWith(503, (response) =>
        response
          .headers({ ...problemAnswer, 'Retry-After': regex('\\d+', '30') })
          .jsonBody(problem(503, 'model_unavailable')),
      )
      .executeTest(async (server) => {
        const error = await caught(sdk(server).predictions.create('9503', LEAD));

        expect(error).toBeInstanceOf(ServerError);
        expect((error as ServerError).status).toBe(503);
      });
  });
});
