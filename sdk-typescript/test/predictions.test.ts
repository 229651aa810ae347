import { describe, expect, it } from 'vitest';
import { ServerError, type LeadScore, type Prediction } from '../src/index.js';
import { clientFor, FakeFetch, json, LEAD, predictResponse, SCORE } from './fake-fetch.js';

interface Embedding {
  embedding: number[];
}

describe('predictions', () => {
  it('score one lead with model 21, typed LeadScoringInput → LeadScore', async () => {
    const fake = new FakeFetch().answer(json(predictResponse(SCORE)));
    const { client } = clientFor(fake);

    const scored: Prediction<LeadScore> = await client.predictions.create('21', LEAD, { requestId: 'req_mine' });

    expect(scored.predictions.recommendation).toBe('Hot');
    expect(scored.inference_log_id).toBe('0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c');
    expect(fake.last.method).toBe('POST');
    expect(fake.last.url.href).toBe('http://hokusai.test/api/v1/models/21/predict');
    expect(fake.last.body).toEqual({ inputs: LEAD });
    expect(fake.last.headers.get('Content-Type')).toBe('application/json');
    expect(fake.last.headers.get('Authorization')).toBe('Bearer hk_test_key');
    expect(fake.last.headers.get('X-Request-Id')).toBe('req_mine');
    expect(fake.last.headers.get('User-Agent')).toMatch(/^hokusai-sdk-typescript\/\d+\.\d+\.\d+/);
  });

  it('call any model with the output type named', async () => {
    const fake = new FakeFetch().answer(json(predictResponse({ embedding: [0.1, 0.2] })));
    const { client } = clientFor(fake);

    const embedded = await client.predictions.create<Embedding>('minilm-embed', { text: 'hello' });

    expect(embedded.predictions.embedding).toEqual([0.1, 0.2]);
    expect(fake.last.url.pathname).toBe('/api/v1/models/minilm-embed/predict');
  });

  it('score a batch in input order', async () => {
    const fake = new FakeFetch().answer(json(predictResponse([SCORE, { ...SCORE, lead_score: 12 }])));
    const { client } = clientFor(fake);

    const batch = await client.predictions.createBatch('21', [LEAD, { ...LEAD, demo_requested: false }]);

    expect(batch.predictions.map((score) => score.lead_score)).toEqual([82, 12]);
    expect(fake.last.body).toEqual({ inputs: [LEAD, { ...LEAD, demo_requested: false }] });
  });

  it('refuse an empty batch, and an array where one input belongs, without sending', async () => {
    const fake = new FakeFetch().answer(json(predictResponse(SCORE)));
    const { client } = clientFor(fake);

    await expect(client.predictions.createBatch('21', [])).rejects.toBeInstanceOf(RangeError);
    await expect(client.predictions.create('21', [LEAD])).rejects.toBeInstanceOf(TypeError);
    expect(fake.sent).toHaveLength(0);
  });

  it('say ServerError when the answer does not have the shape asked for', async () => {
    const fake = new FakeFetch().answer(json(predictResponse([SCORE])));
    const { client } = clientFor(fake);

    await expect(client.predictions.create('21', LEAD)).rejects.toBeInstanceOf(ServerError);
    await expect(client.predictions.createBatch('21', [LEAD, LEAD])).rejects.toBeInstanceOf(ServerError);
  });

  it('encode the model reference as one path segment', async () => {
    const fake = new FakeFetch().answer(json({ id: 21 }));
    const { client } = clientFor(fake);

    await client.models.get('../api-keys');

    expect(fake.last.url.pathname).toBe('/api/v1/models/..%2Fapi-keys');
  });
});
