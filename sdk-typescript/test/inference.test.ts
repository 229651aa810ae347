import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type InferenceResponse } from '../src/index.js';
import { clientFor, FakeFetch, json, problem } from './fake-fetch.js';

const INFERRED: InferenceResponse = {
  model_name: 'lscor-v2',
  model_version: '2.0.0',
  id: 'lead-4711',
  outputs: [{ name: 'lead_score', shape: [1], datatype: 'INT64', data: [98] }],
};

describe('inference', () => {
  it('infer posts the tensors with an Idempotency-Key and reads the output tensors', async () => {
    const fake = new FakeFetch().answer(json(INFERRED));
    const { client } = clientFor(fake);

    const answer = await client.inference.infer('21', {
      id: 'lead-4711',
      inputs: [{ name: 'company_size', shape: [1], datatype: 'INT64', data: [1000] }],
      outputs: [{ name: 'lead_score' }],
    });

    expect(answer.outputs[0]?.data).toEqual([98]);
    expect(fake.last.method).toBe('POST');
    expect(fake.last.url.pathname).toBe('/v2/models/21/infer');
    expect(fake.last.headers.get('Idempotency-Key')).toBeTruthy();
    expect(fake.last.body).toEqual({
      id: 'lead-4711',
      inputs: [{ name: 'company_size', shape: [1], datatype: 'INT64', data: [1000] }],
      outputs: [{ name: 'lead_score' }],
    });
  });

  it('a version goes in the path of metadata, readiness and infer', async () => {
    const fake = new FakeFetch()
      .answer(json({ name: 'lscor-v2', platform: 'hokusai_lscor-logistic', inputs: [], outputs: [] }))
      .answer(json({ name: 'lscor-v2', ready: true }))
      .answer(json(INFERRED));
    const { client } = clientFor(fake);

    await client.inference.metadata('lscor-v2', '2.0.0');
    expect(fake.last.url.pathname).toBe('/v2/models/lscor-v2/versions/2.0.0');
    expect((await client.inference.modelReady('lscor-v2', '2.0.0')).ready).toBe(true);
    expect(fake.last.url.pathname).toBe('/v2/models/lscor-v2/versions/2.0.0/ready');
    await client.inference.infer('lscor-v2', { inputs: [] }, '2.0.0');
    expect(fake.last.url.pathname).toBe('/v2/models/lscor-v2/versions/2.0.0/infer');
  });

  it('a tensor that does not fit is an InvalidRequestError pointing at it', async () => {
    const fake = new FakeFetch().answer(
      problem(400, 'invalid_tensor', { errors: [{ pointer: '/inputs/0/datatype', message: 'm' }] }),
    );
    const { client } = clientFor(fake);

    const refused = await client.inference.infer('21', { inputs: [] }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect((refused as InvalidRequestError).code).toBe('invalid_tensor');
  });

  it('a server not ready is a value, not retried', async () => {
    const fake = new FakeFetch().answer(json({ ready: false }, 503));
    const { client } = clientFor(fake);

    const ready = await client.inference.withRawResponse().ready();

    expect(ready.status).toBe(503);
    expect(ready.value.ready).toBe(false);
    expect(fake.sent).toHaveLength(1);
  });
});
