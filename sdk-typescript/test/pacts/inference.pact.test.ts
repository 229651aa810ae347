// The Open Inference Protocol routes as `client.inference` calls them: every documented answer the SDK can provoke,
// one interaction each, as the Java SDK records them. (A wrong method, an unacceptable Accept, a body that is not
// JSON, a missing scope, a spent limit, an unknown key and a refused X-Request-Id are in every-operation.pact.test.ts.)
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { HokusaiError, type Hokusai, type InferenceRequest } from '../../src/index.js';
import {
  authenticated,
  idempotencyKey,
  jsonAnswer,
  jsonContent,
  LEAD_TENSORS,
  pact,
  problem,
  problemAnswer,
  scopes,
  sdk,
  States,
  USED_IDEMPOTENCY_KEY,
} from './contract.js';

const { atLeastLike, eachLike, integer, like, regex } = MatchersV3;

const WRONG_DATATYPE: InferenceRequest = {
  ...LEAD_TENSORS,
  inputs: [{ name: 'company_size', shape: [1], datatype: 'FP32', data: [1000] }, ...LEAD_TENSORS.inputs.slice(1)],
};
const NO_INPUTS: InferenceRequest = { inputs: [] };
const BROKEN = '9503';
const BROKEN_VERSION = '0.0.1';
const MISSING_VERSION = '9.9.9';

const tensor = {
  name: like('company_size'),
  datatype: regex('BOOL|U?INT(8|16|32|64)|FP(16|32|64)|BYTES', 'INT64'),
  shape: eachLike(integer(-1), 1),
};
const METADATA = {
  name: like('lscor-v2'),
  versions: eachLike('2.0.0', 1),
  platform: like('hokusai_lscor-logistic'),
  inputs: atLeastLike(tensor, 1, 10),
  outputs: atLeastLike(tensor, 1, 5),
};
const SERVER_METADATA = { name: 'hokusai', version: like('1.0.0'), extensions: [] };
const READY = { name: like('lscor-v2'), ready: true };
const INFERRED = {
  model_name: like('lscor-v2'),
  model_version: like('2.0.0'),
  id: 'lead-4711',
  outputs: [
    { name: 'lead_score', shape: [integer(1)], datatype: 'INT64', data: [integer(98)] },
    { name: 'recommendation', shape: [integer(1)], datatype: 'BYTES', data: [regex('Hot|Warm|Cold', 'Hot')] },
  ],
};

interface Case {
  readonly description: string;
  readonly states: readonly string[];
  readonly keyed: boolean;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: InferenceRequest;
  readonly usedKey?: boolean;
  readonly status: number;
  /** The problem code; absent for an answer with a value. */
  readonly code?: string;
  readonly errors?: boolean;
  readonly answer?: Record<string, unknown>;
  readonly call: (client: Hokusai) => Promise<unknown>;
}

const MODEL_21 = [States.KEY_PREDICT, States.MODEL_21_ACTIVE];
const NO_999 = [States.KEY_PREDICT, States.NO_MODEL_999];
const BROKEN_MODEL = [States.KEY_PREDICT, States.BROKEN_MODEL];
const KEY = [States.KEY_PREDICT];

const CASES: Case[] = [
  { description: 'getInferenceServerMetadata: the server names itself', states: [], keyed: false, method: 'GET',
    path: '/v2', status: 200, answer: SERVER_METADATA, call: (c) => c.inference.serverMetadata() },
  { description: 'getInferenceServerLive: the server is live', states: [], keyed: false, method: 'GET',
    path: '/v2/health/live', status: 200, answer: { live: true }, call: (c) => c.inference.live() },
  { description: 'getInferenceServerReady: the server takes traffic', states: [], keyed: false, method: 'GET',
    path: '/v2/health/ready', status: 200, answer: { ready: true }, call: (c) => c.inference.ready() },
  { description: 'getInferenceServerReady: the database does not answer', states: [States.DATABASE_DOWN],
    keyed: false, method: 'GET', path: '/v2/health/ready', status: 503, answer: { ready: false },
    call: (c) => c.inference.ready() },
  { description: "getTensorModelMetadata: model 21's fields as tensors", states: MODEL_21, keyed: true,
    method: 'GET', path: '/v2/models/lscor-v2', status: 200, answer: METADATA,
    call: (c) => c.inference.metadata('lscor-v2') },
  { description: "getTensorModelVersionMetadata: model 21's live version", states: MODEL_21, keyed: true,
    method: 'GET', path: '/v2/models/21/versions/2.0.0', status: 200, answer: METADATA,
    call: (c) => c.inference.metadata('21', '2.0.0') },
  { description: 'getTensorModelReady: model 21 is ready', states: MODEL_21, keyed: true, method: 'GET',
    path: '/v2/models/21/ready', status: 200, answer: READY, call: (c) => c.inference.modelReady('21') },
  { description: "getTensorModelVersionReady: model 21's live version is ready", states: MODEL_21, keyed: true,
    method: 'GET', path: '/v2/models/21/versions/2.0.0/ready', status: 200, answer: READY,
    call: (c) => c.inference.modelReady('21', '2.0.0') },
  { description: 'inferTensors: one lead as tensors scored by model 21', states: MODEL_21, keyed: true,
    method: 'POST', path: '/v2/models/21/infer', body: LEAD_TENSORS, status: 200, answer: INFERRED,
    call: (c) => c.inference.infer('21', LEAD_TENSORS) },
  { description: "inferTensorsOfVersion: one lead as tensors scored by model 21's live version", states: MODEL_21,
    keyed: true, method: 'POST', path: '/v2/models/21/versions/2.0.0/infer', body: LEAD_TENSORS, status: 200,
    answer: INFERRED, call: (c) => c.inference.infer('21', LEAD_TENSORS, '2.0.0') },
  // 404: no model, or no such version
  { description: 'getTensorModelMetadata: no model answers to 999', states: NO_999, keyed: true, method: 'GET',
    path: '/v2/models/999', status: 404, code: 'model_not_found', call: (c) => c.inference.metadata('999') },
  { description: 'getTensorModelVersionMetadata: model 21 has no version 9.9.9', states: MODEL_21, keyed: true,
    method: 'GET', path: `/v2/models/21/versions/${MISSING_VERSION}`, status: 404, code: 'model_not_found',
    call: (c) => c.inference.metadata('21', MISSING_VERSION) },
  { description: 'getTensorModelReady: no model answers to 999', states: NO_999, keyed: true, method: 'GET',
    path: '/v2/models/999/ready', status: 404, code: 'model_not_found', call: (c) => c.inference.modelReady('999') },
  { description: 'getTensorModelVersionReady: model 21 has no version 9.9.9', states: MODEL_21, keyed: true,
    method: 'GET', path: `/v2/models/21/versions/${MISSING_VERSION}/ready`, status: 404, code: 'model_not_found',
    call: (c) => c.inference.modelReady('21', MISSING_VERSION) },
  { description: 'inferTensors: no model answers to 999', states: NO_999, keyed: true, method: 'POST',
    path: '/v2/models/999/infer', body: LEAD_TENSORS, status: 404, code: 'model_not_found',
    call: (c) => c.inference.infer('999', LEAD_TENSORS) },
  { description: 'inferTensorsOfVersion: model 21 has no version 9.9.9', states: MODEL_21, keyed: true,
    method: 'POST', path: `/v2/models/21/versions/${MISSING_VERSION}/infer`, body: LEAD_TENSORS, status: 404,
    code: 'model_not_found', call: (c) => c.inference.infer('21', LEAD_TENSORS, MISSING_VERSION) },
  // 503: the live deployment cannot be loaded
  { description: 'getTensorModelMetadata: a model whose artifact cannot be loaded', states: BROKEN_MODEL,
    keyed: true, method: 'GET', path: `/v2/models/${BROKEN}`, status: 503, code: 'model_unavailable',
    call: (c) => c.inference.metadata(BROKEN) },
  { description: 'getTensorModelVersionMetadata: a model version whose artifact cannot be loaded',
    states: BROKEN_MODEL, keyed: true, method: 'GET', path: `/v2/models/${BROKEN}/versions/${BROKEN_VERSION}`,
    status: 503, code: 'model_unavailable', call: (c) => c.inference.metadata(BROKEN, BROKEN_VERSION) },
  { description: 'inferTensors: a model whose artifact cannot be loaded', states: BROKEN_MODEL, keyed: true,
    method: 'POST', path: `/v2/models/${BROKEN}/infer`, body: LEAD_TENSORS, status: 503, code: 'model_unavailable',
    call: (c) => c.inference.infer(BROKEN, LEAD_TENSORS) },
  { description: 'inferTensorsOfVersion: a model version whose artifact cannot be loaded', states: BROKEN_MODEL,
    keyed: true, method: 'POST', path: `/v2/models/${BROKEN}/versions/${BROKEN_VERSION}/infer`, body: LEAD_TENSORS,
    status: 503, code: 'model_unavailable', call: (c) => c.inference.infer(BROKEN, LEAD_TENSORS, BROKEN_VERSION) },
  // 400: a tensor that does not fit, or a model name that is neither a number nor a slug
  { description: 'inferTensors: company_size sent as FP32', states: MODEL_21, keyed: true, method: 'POST',
    path: '/v2/models/21/infer', body: WRONG_DATATYPE, status: 400, code: 'invalid_tensor', errors: true,
    call: (c) => c.inference.infer('21', WRONG_DATATYPE) },
  { description: 'inferTensorsOfVersion: company_size sent as FP32', states: MODEL_21, keyed: true, method: 'POST',
    path: '/v2/models/21/versions/2.0.0/infer', body: WRONG_DATATYPE, status: 400, code: 'invalid_tensor',
    errors: true, call: (c) => c.inference.infer('21', WRONG_DATATYPE, '2.0.0') },
  { description: 'getTensorModelMetadata: a name that is neither a number nor a slug', states: KEY, keyed: true,
    method: 'GET', path: '/v2/models/Lead_Scoring', status: 400, code: 'invalid_parameter', errors: true,
    call: (c) => c.inference.metadata('Lead_Scoring') },
  { description: 'getTensorModelVersionMetadata: a name that is neither a number nor a slug', states: KEY,
    keyed: true, method: 'GET', path: '/v2/models/Lead_Scoring/versions/2.0.0', status: 400,
    code: 'invalid_parameter', errors: true, call: (c) => c.inference.metadata('Lead_Scoring', '2.0.0') },
  { description: 'getTensorModelReady: a name that is neither a number nor a slug', states: KEY, keyed: true,
    method: 'GET', path: '/v2/models/Lead_Scoring/ready', status: 400, code: 'invalid_parameter', errors: true,
    call: (c) => c.inference.modelReady('Lead_Scoring') },
  { description: 'getTensorModelVersionReady: a name that is neither a number nor a slug', states: KEY,
    keyed: true, method: 'GET', path: '/v2/models/Lead_Scoring/versions/2.0.0/ready', status: 400,
    code: 'invalid_parameter', errors: true, call: (c) => c.inference.modelReady('Lead_Scoring', '2.0.0') },
  // 422: a body the request schema refuses
  { description: 'inferTensors: a request without any tensor', states: MODEL_21, keyed: true, method: 'POST',
    path: '/v2/models/21/infer', body: NO_INPUTS, status: 422, code: 'invalid_request', errors: true,
    call: (c) => c.inference.infer('21', NO_INPUTS) },
  { description: 'inferTensorsOfVersion: a request without any tensor', states: MODEL_21, keyed: true,
    method: 'POST', path: '/v2/models/21/versions/2.0.0/infer', body: NO_INPUTS, status: 422,
    code: 'invalid_request', errors: true, call: (c) => c.inference.infer('21', NO_INPUTS, '2.0.0') },
  // 409: an Idempotency-Key used before for another request
  { description: 'inferTensors: an Idempotency-Key already used for another request',
    states: [...MODEL_21, States.IDEMPOTENCY_KEY_USED], keyed: true, method: 'POST', path: '/v2/models/21/infer',
    body: LEAD_TENSORS, usedKey: true, status: 409, code: 'idempotency_conflict',
    call: (c) => c.inference.infer('21', LEAD_TENSORS, undefined, { idempotencyKey: USED_IDEMPOTENCY_KEY }) },
  { description: 'inferTensorsOfVersion: an Idempotency-Key already used for another request',
    states: [...MODEL_21, States.IDEMPOTENCY_KEY_USED], keyed: true, method: 'POST',
    path: '/v2/models/21/versions/2.0.0/infer', body: LEAD_TENSORS, usedKey: true, status: 409,
    code: 'idempotency_conflict',
    call: (c) => c.inference.infer('21', LEAD_TENSORS, '2.0.0', { idempotencyKey: USED_IDEMPOTENCY_KEY }) },
];

describe('the Open Inference Protocol routes (consumer hokusai-sdk-typescript)', () => {
  it.each(CASES.map((c) => [c.description, c] as const))('%s', async (_, c) => {
    let interaction = pact().addInteraction();
    for (const state of c.states) {
      interaction = interaction.given(state, state === States.KEY_PREDICT ? scopes('predict') : undefined);
    }
    await interaction
      .uponReceiving(c.description)
      .withRequest(c.method, c.path, (request) => {
        const headers = {
          ...(c.keyed ? authenticated : {}),
          ...(c.body === undefined ? {} : jsonContent),
          ...(c.body === undefined ? {} : c.usedKey ? { 'Idempotency-Key': USED_IDEMPOTENCY_KEY } : idempotencyKey),
        };
        request.headers(headers);
        if (c.body !== undefined) request.jsonBody(c.body);
      })
      .willRespondWith(c.status, (response) =>
        c.code === undefined
          ? response.headers(jsonAnswer).jsonBody(c.answer ?? {})
          : response.headers(problemAnswer).jsonBody(problem(c.status, c.code, c.errors ?? false)),
      )
      .executeTest(async (server) => {
        const outcome = await c.call(sdk(server)).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if (c.code === undefined) {
          expect('value' in outcome && outcome.value).toBeTruthy();
        } else {
          expect('error' in outcome && outcome.error).toBeInstanceOf(HokusaiError);
          const error = (outcome as { error: HokusaiError }).error;
          expect(error.status).toBe(c.status);
          expect(error.code).toBe(c.code);
        }
      });
  });
});
