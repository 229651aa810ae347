// Holds the recorded consumer pacts to the contract before anything verifies them: every interaction calls an
// operation the spec has (method and path) and expects a status the spec documents for it, and an interaction whose
// request carries an Idempotency-Key only calls an operation that takes one. (contract-tests' PactsWithinSpecIT holds
// the Java SDK's pacts to the spec's schemas too; this is the TypeScript consumer's own first gate.)
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { moduleDir, readSpec } from './project.mjs';

const pactDir = resolve(moduleDir, 'target', 'pacts');
const spec = readSpec();
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => {
    const operation = item[method];
    const parameters = (operation.parameters ?? []).map((p) => p.$ref ?? p.name);
    return {
      id: operation.operationId,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`),
      statuses: Object.keys(operation.responses ?? {}),
      idempotencyKey: parameters.includes('#/components/parameters/IdempotencyKey'),
    };
  }),
);

const files = readdirSync(pactDir).filter((name) => name.endsWith('.json'));
if (files.length === 0) {
  console.error(`no pact in ${pactDir}`);
  process.exit(1);
}
const violations = [];
let count = 0;
for (const file of files) {
  const pact = JSON.parse(readFileSync(resolve(pactDir, file), 'utf8'));
  for (const interaction of pact.interactions) {
    count++;
    const { method, path, headers = {} } = interaction.request;
    const status = String(interaction.response.status);
    const where = `${file}: "${interaction.description}" (${method} ${path})`;
    const operation = operations.find((op) => op.method === method && op.pattern.test(path));
    if (!operation) {
      violations.push(`${where} calls no operation of the spec`);
      continue;
    }
    if (!operation.statuses.includes(status)) {
      violations.push(`${where} expects ${status}, which ${operation.id} does not document (${operation.statuses.join(', ')})`);
    }
    const sendsKey = Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
    if (sendsKey && !operation.idempotencyKey) {
      violations.push(`${where} sends an Idempotency-Key, which ${operation.id} does not take`);
    }
  }
}
if (violations.length > 0) {
  console.error(`${violations.length} of ${count} interactions break the spec:\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log(`${count} interactions of ${files.join(', ')} are within the spec`);
