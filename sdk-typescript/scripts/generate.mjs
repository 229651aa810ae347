// Generates the low-level client from the contract into src/generated/ (git-ignored, rebuilt by every build):
// - schema.ts: every schema, parameter and response as TypeScript types (openapi-typescript; types only, so nothing
//   of it exists at run time);
// - spec.ts: the operation table (method, path, headers it takes, whether it needs a key, what its success answers
//   with), the default base URL (the spec's first server) and the SDK's version.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { moduleDir, npmVersion, projectVersion, readSpec, specFile } from './project.mjs';

const outDir = resolve(moduleDir, 'src', 'generated');
mkdirSync(outDir, { recursive: true });

const banner = '// Generated from api-spec/src/main/openapi/openapi.yaml by scripts/generate.mjs. Do not edit.\n';

// A property with a `default` stays optional unless the schema requires it: a request may leave it out.
const ast = await openapiTS(pathToFileURL(specFile), { alphabetize: false, defaultNonNullable: false });
writeFileSync(resolve(outDir, 'schema.ts'), banner + '/* eslint-disable */\n' + astToString(ast));

const spec = readSpec();
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolveRef(node) {
  let current = node;
  while (current && current.$ref) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce((at, key) => at?.[key], spec);
  }
  return current;
}

const operations = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation) continue;
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolveRef);
    const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    const mediaTypes = new Set(success.flatMap(([, response]) => Object.keys(resolveRef(response).content ?? {})));
    const security = operation.security ?? spec.security ?? [];
    operations[operation.operationId] = {
      method: method.toUpperCase(),
      path,
      requiredScope: operation['x-required-scope'] ?? null,
      authenticated: security.length > 0,
      headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
      accept: mediaTypes.has('application/json') ? 'application/json' : ([...mediaTypes][0] ?? null),
    };
  }
}

const server = spec.servers?.[0]?.url;
if (!server) {
  throw new Error('the spec names no server');
}

const specTs = `${banner}
/** The production base URL: the first \`servers\` entry of the API's OpenAPI document. */
export const DEFAULT_BASE_URL = ${JSON.stringify(server.replace(/\/+$/, ''))};

/** This SDK's version, from the Maven project's (${projectVersion()}). */
export const SDK_VERSION = ${JSON.stringify(npmVersion(projectVersion()))};

/** The version of the contract this SDK was generated from (\`info.version\`). */
export const API_VERSION = ${JSON.stringify(spec.info.version)};

export interface OperationSpec {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE';
  /** The path template, with \`{parameter}\` placeholders. */
  readonly path: string;
  /** The scope a key needs (\`x-required-scope\`), or null when the operation needs no key. */
  readonly requiredScope: string | null;
  /** Whether the operation needs a key at all (its \`security\` is not empty). */
  readonly authenticated: boolean;
  /** The request headers the operation takes, such as \`X-Request-Id\` and \`Idempotency-Key\`. */
  readonly headers: readonly string[];
  /** The media type of its successful answers, or null when they have no body. */
  readonly accept: string | null;
}

export const OPERATIONS = ${JSON.stringify(operations, null, 2)} as const satisfies Record<string, OperationSpec>;

export type OperationId = keyof typeof OPERATIONS;
`;
writeFileSync(resolve(outDir, 'spec.ts'), specTs);
console.log(`generated ${Object.keys(operations).length} operations into ${outDir}`);
