import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Hokusai } from '../src/index.js';
import { OPERATIONS, type OperationId } from '../src/generated/spec.js';
import { takesIdempotencyKey } from '../src/transport.js';
import { clientFor, FakeFetch, LEAD, problem } from './fake-fetch.js';

const SPEC = resolve(import.meta.dirname, '..', '..', 'api-spec', 'src', 'main', 'openapi', 'openapi.yaml');
const ID = '3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/**
 * operationId → a facade call that should send it. Typed by the operation ids generated from the spec, so a new
 * operation in the spec is also a compile error here (typecheck:test) until the facade offers it.
 */
const FACADE: Record<OperationId, (client: Hokusai) => Promise<unknown>> = {
  listModels: (client) => client.models.list(),
  createModel: (client) =>
    client.models.create({ slug: 'm', name: 'n', task: 't', input_schema: { type: 'object' }, output_schema: {} }),
  getModel: (client) => client.models.get('21'),
  updateModel: (client) => client.models.update('21', { cache_ttl_seconds: 60 }),
  getModelInfo: (client) => client.models.info('21'),
  getModelHealth: (client) => client.models.health('21'),
  getModelUsage: (client) => client.models.usage('21'),
  predict: (client) => client.predictions.create('21', LEAD),
  listModelDeployments: (client) => client.deployments.list('21'),
  createDeployment: (client) =>
    client.deployments.create('21', { version: '1', runtime: 'lscor-logistic', artifact_uri: 'hf://acme/lscor' }),
  getDeployment: (client) => client.deployments.get(ID),
  activateDeployment: (client) => client.deployments.activate(ID),
  retireDeployment: (client) => client.deployments.retire(ID),
  createApiKey: (client) => client.apiKeys.create({ name: 'n', scopes: ['predict'] }),
  listApiKeys: (client) => client.apiKeys.list(),
  revokeApiKey: (client) => client.apiKeys.revoke(ID),
  getUsage: (client) => client.usage.retrieve(),
  createOpenAiEmbeddings: (client) => client.embeddings.create({ model: 'minilm-embed', input: 'A short one.' }),
  listOpenAiModels: (client) => client.embeddings.listModels(),
  getOpenAiModel: (client) => client.embeddings.getModel('minilm-embed'),
  reportOutcome: (client) =>
    client.outcomes.report({ inference_log_id: ID, outcome_score: 1, outcome_type: 'conversion' }),
  getOwnAccount: (client) => client.accounts.retrieve(),
  getAccount: (client) => client.accounts.retrieve(ID),
  createAccount: (client) => client.accounts.create({ slug: 'acme-analytics', name: 'Acme Analytics' }),
  setHuggingFaceCredential: (client) => client.accounts.setHuggingFaceToken('hf_token'),
  deleteHuggingFaceCredential: (client) => client.accounts.deleteHuggingFaceToken(),
  listAuditEvents: (client) => client.auditEvents.list(),
  getLiveness: (client) => client.system.liveness(),
  getReadiness: (client) => client.system.readiness(),
  getOpenApiDocument: (client) => client.system.openApiDocument(),
  getApiIndex: (client) => client.system.index(),
  getInferenceServerMetadata: (client) => client.inference.serverMetadata(),
  getInferenceServerLive: (client) => client.inference.live(),
  getInferenceServerReady: (client) => client.inference.ready(),
  getTensorModelMetadata: (client) => client.inference.metadata('21'),
  getTensorModelVersionMetadata: (client) => client.inference.metadata('21', '2.0.0'),
  getTensorModelReady: (client) => client.inference.modelReady('21'),
  getTensorModelVersionReady: (client) => client.inference.modelReady('21', '2.0.0'),
  inferTensors: (client) => client.inference.infer('21', { inputs: [] }),
  inferTensorsOfVersion: (client) => client.inference.infer('21', { inputs: [] }, '2.0.0'),
};

interface SpecOperation {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: boolean;
}

type Document = { paths: Record<string, Record<string, { operationId: string; parameters?: { $ref?: string }[] }>> };

function specDocument(): Document {
  return parse(readFileSync(SPEC, 'utf8')) as Document;
}

/** The spec's operations by operationId, read from the YAML itself, not from what the build generated of it. */
function specOperations(document: Document = specDocument()): Map<string, SpecOperation> {
  const operations = new Map<string, SpecOperation>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== 'object' || !('operationId' in operation)) continue;
      const idempotencyKey = (operation.parameters ?? []).some(
        (parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey',
      );
      operations.set(operation.operationId, { method: method.toUpperCase(), path, idempotencyKey });
    }
  }
  return operations;
}

/** The path template as a pattern: each `{parameter}` stands for one path segment. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}/]+\\?\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** The operations of a spec the facade offers no call for, and the facade's rows for operations it does not have. */
function gaps(document: Document): { lacking: string[]; stale: string[] } {
  const specified = [...specOperations(document).keys()].sort();
  const offered = Object.keys(FACADE).sort();
  return {
    lacking: specified.filter((id) => !offered.includes(id)),
    stale: offered.filter((id) => !specified.includes(id)),
  };
}

describe('operation coverage', () => {
  it('offers a facade call for every operation of the spec, and none for operations it no longer has', () => {
    const { lacking, stale } = gaps(specDocument());

    expect(lacking, 'operations of the spec without a facade call').toEqual([]);
    expect(stale, 'facade rows for operations the spec no longer has').toEqual([]);
  });

  it('names the operation a spec gains and the facade lacks, and the one it loses', () => {
    const document = specDocument();
    document.paths['/api/v1/models/{modelRef}/explain'] = { get: { operationId: 'explainPrediction' } };
    delete document.paths['/api/v1/audit-events'];

    expect(gaps(document)).toEqual({ lacking: ['explainPrediction'], stale: ['listAuditEvents'] });
  });

  it('sends each operation with its method and path', async () => {
    const fake = new FakeFetch().answer(problem(500, 'internal_error'));
    const { client } = clientFor(fake, { maxRetries: 0 });

    for (const [operationId, operation] of specOperations()) {
      const call = FACADE[operationId as OperationId];
      if (call === undefined) continue; // reported by the test above
      const before = fake.sent.length;
      await call(client).catch(() => undefined);

      expect(fake.sent.length, `${operationId} sent one request`).toBe(before + 1);
      expect(fake.last.method, `${operationId} method`).toBe(operation.method);
      expect(fake.last.url.pathname, `${operationId} path`).toMatch(pathPattern(operation.path));
      expect(fake.last.headers.has('Idempotency-Key'), `${operationId} Idempotency-Key`).toBe(operation.idempotencyKey);
    }
  });

  it('agrees with the generated operation table on methods, paths and idempotency keys', () => {
    const spec = specOperations();
    expect(Object.keys(OPERATIONS).sort()).toEqual([...spec.keys()].sort());
    for (const [operationId, operation] of spec) {
      const generated = OPERATIONS[operationId as OperationId];
      expect(generated.method).toBe(operation.method);
      expect(generated.path).toBe(operation.path);
      expect(takesIdempotencyKey(operationId as OperationId)).toBe(operation.idempotencyKey);
    }
  });
});
