// The OpenAI tag through `client.embeddings`: what the every-operation table does not hold (it holds 400, 401, 403,
// 405, 406, 415 and 429), each error in OpenAI's shape with our code.
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  embeddingVector,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  ServerError,
} from '../../src/index.js';
import {
  authenticated,
  idempotencyKey,
  jsonAnswer,
  jsonContent,
  openAiError,
  openAiErrorAnswer,
  OPERATOR_ACCOUNT_ID,
  pact,
  scopes,
  sdk,
  SLUG_PATTERN,
  States,
  USED_IDEMPOTENCY_KEY,
} from './contract.js';

const { eachLike, atLeastLike, integer, like, number, regex } = MatchersV3;
const EMBEDDINGS = '/api/openai/v1/embeddings';
const MODELS = '/api/openai/v1/models';
const MODEL = 'minilm-embed';
const TEXT = 'A short one.';
const embedHeaders = { ...authenticated, ...jsonContent, ...idempotencyKey };
const PREDICT_KEY = { state: States.KEY_PREDICT, params: scopes('predict') };

async function caught(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function openAiModel(): Record<string, unknown> {
  return {
    id: regex(SLUG_PATTERN, MODEL),
    object: 'model',
    created: integer(1795770000),
    owned_by: like(OPERATOR_ACCOUNT_ID),
  };
}

describe('OpenAI-compatible embeddings (consumer hokusai-sdk-typescript)', () => {
  it('embeds one text', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.EMBEDDING_MODEL)
      .uponReceiving('createOpenAiEmbeddings: one text embedded')
      .withRequest('POST', EMBEDDINGS, (request) => request.headers(embedHeaders).jsonBody({ model: MODEL, input: TEXT }))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({
          object: 'list',
          data: eachLike({ object: 'embedding', index: integer(0), embedding: atLeastLike(number(0.0123), 1) }),
          model: MODEL,
          usage: { prompt_tokens: integer(6), total_tokens: integer(6) },
        }),
      )
      .executeTest(async (server) => {
        const answer = await sdk(server).embeddings.create({ model: MODEL, input: TEXT });

        expect(embeddingVector(answer.data[0]?.embedding).length).toBeGreaterThan(0);
        expect(answer.usage.prompt_tokens).toBeGreaterThan(0);
      });
  });

  it('lists the embedding models the key may call', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.EMBEDDING_MODEL)
      .uponReceiving('listOpenAiModels: the embedding models the key may call')
      .withRequest('GET', MODELS, (request) => request.headers(authenticated))
      .willRespondWith(200, (response) =>
        response.headers(jsonAnswer).jsonBody({ object: 'list', data: atLeastLike(openAiModel(), 1) }),
      )
      .executeTest(async (server) => {
        expect((await sdk(server).embeddings.listModels()).data.length).toBeGreaterThan(0);
      });
  });

  it('reads one embedding model', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.EMBEDDING_MODEL)
      .uponReceiving('getOpenAiModel: an embedding model the key may call')
      .withRequest('GET', `${MODELS}/${MODEL}`, (request) => request.headers(authenticated))
      .willRespondWith(200, (response) => response.headers(jsonAnswer).jsonBody({ ...openAiModel(), id: MODEL }))
      .executeTest(async (server) => {
        expect((await sdk(server).embeddings.getModel(MODEL)).id).toBe(MODEL);
      });
  });

  it('a model nobody registered → NotFoundError', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .uponReceiving('createOpenAiEmbeddings: a model nobody registered')
      .withRequest('POST', EMBEDDINGS, (request) =>
        request.headers(embedHeaders).jsonBody({ model: 'no-such-model', input: TEXT }),
      )
      .willRespondWith(404, (response) =>
        response.headers(openAiErrorAnswer).jsonBody(openAiError(404, 'model_not_found')),
      )
      .executeTest(async (server) => {
        const error = await caught(sdk(server).embeddings.create({ model: 'no-such-model', input: TEXT }));

        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).code).toBe('model_not_found');
      });
  });

  it('reading a model nobody registered → NotFoundError', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .uponReceiving('getOpenAiModel: a model nobody registered')
      .withRequest('GET', `${MODELS}/no-such-model`, (request) => request.headers(authenticated))
      .willRespondWith(404, (response) =>
        response.headers(openAiErrorAnswer).jsonBody(openAiError(404, 'model_not_found')),
      )
      .executeTest(async (server) => {
        expect(await caught(sdk(server).embeddings.getModel('no-such-model'))).toBeInstanceOf(NotFoundError);
      });
  });

  it('an Idempotency-Key used before with another request → IdempotencyError', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.IDEMPOTENCY_KEY_USED)
      .given(States.EMBEDDING_MODEL)
      .uponReceiving('createOpenAiEmbeddings: an Idempotency-Key used before with another request')
      .withRequest('POST', EMBEDDINGS, (request) =>
        request
          .headers({ ...authenticated, ...jsonContent, 'Idempotency-Key': USED_IDEMPOTENCY_KEY })
          .jsonBody({ model: MODEL, input: TEXT }),
      )
      .willRespondWith(409, (response) =>
        response.headers(openAiErrorAnswer).jsonBody(openAiError(409, 'idempotency_conflict')),
      )
      .executeTest(async (server) => {
        const error = await caught(
          sdk(server).embeddings.create({ model: MODEL, input: TEXT }, { idempotencyKey: USED_IDEMPOTENCY_KEY }),
        );

        expect(error).toBeInstanceOf(IdempotencyError);
      });
  });

  it.each([
    ['3 texts for a model that takes at most 2', ['a', 'b', 'c'], 413, 'batch_too_large'],
    ['an empty array of texts', [], 422, 'invalid_request'],
  ])('%s → InvalidRequestError', async (description, input, status, code) => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.EMBEDDING_MODEL)
      .uponReceiving(`createOpenAiEmbeddings: ${description}`)
      .withRequest('POST', EMBEDDINGS, (request) => request.headers(embedHeaders).jsonBody({ model: MODEL, input }))
      .willRespondWith(status, (response) =>
        response.headers(openAiErrorAnswer).jsonBody(openAiError(status, code)),
      )
      .executeTest(async (server) => {
        const error = await caught(sdk(server).embeddings.create({ model: MODEL, input }));

        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as InvalidRequestError).code).toBe(code);
      });
  });

  it('a model whose artifact cannot be loaded → ServerError', async () => {
    await pact()
      .addInteraction()
      .given(PREDICT_KEY.state, PREDICT_KEY.params)
      .given(States.BROKEN_EMBEDDING_MODEL)
      .uponReceiving('createOpenAiEmbeddings: a model whose artifact cannot be loaded')
      .withRequest('POST', EMBEDDINGS, (request) =>
        request.headers(embedHeaders).jsonBody({ model: 'contract-broken-embed', input: TEXT }),
      )
      .willRespondWith(503, (response) =>
        response.headers(openAiErrorAnswer).jsonBody(openAiError(503, 'model_unavailable')),
      )
      .executeTest(async (server) => {
        const error = await caught(sdk(server).embeddings.create({ model: 'contract-broken-embed', input: TEXT }));

        expect(error).toBeInstanceOf(ServerError);
        expect((error as ServerError).code).toBe('model_unavailable');
      });
  });
});
