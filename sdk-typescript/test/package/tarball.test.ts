import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build's own helpers are plain ES modules without types
import { moduleDir, npmVersion, packageLicense, projectVersion, readSpec } from '../../scripts/project.mjs';

/**
 * The package as npm would publish it: the tarball `npm pack` wrote into target/, unpacked into a scratch project's
 * node_modules and used from there by Node (ESM and CommonJS) and by a strict TypeScript consumer.
 */
const version: string = npmVersion(projectVersion());
const tarball = resolve(moduleDir, 'target', `hokusai-sdk-${version}.tgz`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Manifest {
  name?: string;
  version?: string;
  license?: string;
  types?: string;
  main?: string;
  module?: string;
  exports?: Record<string, unknown>;
  [field: string]: unknown;
}

let scratch: string;
let installed: string;
let files: string[];
let manifest: Manifest;

beforeAll(() => {
  expect(existsSync(tarball), `${tarball} (run npm pack first)`).toBe(true);
  files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
  scratch = mkdtempSync(join(tmpdir(), 'hokusai-sdk-consumer-'));
  installed = join(scratch, 'node_modules', '@hokusai', 'sdk');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Manifest;
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file path an `exports` entry names. */
function exportTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (typeof entry === 'object' && entry !== null) return Object.values(entry).flatMap(exportTargets);
  return [];
}

describe('the npm package', () => {
  it('is @hokusai/sdk at the project\'s version, under the contract\'s licence', () => {
    const spec = readSpec() as { info: { license: { name: string } } };
    const license = packageLicense(spec) as { field: string; text: string | null };

    expect(manifest.name).toBe('@hokusai/sdk');
    expect(manifest.version).toBe(version);
    expect(manifest.license).toBe(license.field);
    if (license.text !== null) {
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain(spec.info.license.name);
    }
  });

  it('depends on nothing and carries no scripts or development settings', () => {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies',
      'bundleDependencies', 'bundledDependencies', 'scripts', 'private']) {
      expect(manifest, field).not.toHaveProperty(field);
    }
  });

  it('holds the builds, their types, the README and the licence, and nothing else', () => {
    const unexpected = files.filter(
      (file) => !/^dist\/(esm|cjs)\/.+\.(js|d\.ts)$/.test(file) && !/^dist\/(esm|cjs)\/package\.json$/.test(file)
        && !['package.json', 'README.md', 'LICENSE'].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((file) => /\.map$|\.test\.|(^|\/)test\/|^src\/|tsconfig|vitest/.test(file))).toEqual([]);
    expect(files).toContain('README.md');
  });

  it('points types, main, module and every export at files it holds', () => {
    const targets = [manifest.types, manifest.main, manifest.module, ...exportTargets(manifest.exports)];
    expect(targets.length).toBeGreaterThan(4);
    for (const target of targets) {
      expect(typeof target).toBe('string');
      expect(files, String(target)).toContain(String(target).replace(/^\.\//, ''));
    }
    expect(manifest.exports?.['.']).toMatchObject({
      import: { types: './dist/esm/index.d.ts' },
      require: { types: './dist/cjs/index.d.ts' },
    });
  });

  it('declares no any in its types', () => {
    const withAny = files
      .filter((file) => file.endsWith('.d.ts'))
      .filter((file) => {
        const code = readFileSync(join(installed, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '');
        return /\bany\b/.test(code);
      });
    expect(withAny).toEqual([]);
  });

  it('loads with require and with import, and both say its version', () => {
    const script = (kind: 'cjs' | 'esm'): string =>
      kind === 'cjs'
        ? "const sdk = require('@hokusai/sdk'); const e = new sdk.NotFoundError('x', { status: 404, code: null, requestId: null }); console.log(sdk.SDK_VERSION, typeof sdk.Hokusai, e instanceof sdk.HokusaiError)"
        : "import * as sdk from '@hokusai/sdk'; const e = new sdk.RateLimitError('x', { status: 429, code: null, requestId: null }); console.log(sdk.SDK_VERSION, typeof sdk.Hokusai, e instanceof sdk.HokusaiError)";
    for (const kind of ['cjs', 'esm'] as const) {
      const file = join(scratch, kind === 'cjs' ? 'load.cjs' : 'load.mjs');
      writeFileSync(file, script(kind));
      expect(execFileSync(process.execPath, [file], { cwd: scratch, encoding: 'utf8' }).trim()).toBe(`${version} function true`);
    }
  });

  it('type-checks a strict consumer, as ESM and as CommonJS, and the README example, with no any', () => {
    const consumer = `
import { Hokusai, HokusaiError, RateLimitError, type LeadScore, type LeadScoringInput, type Prediction } from '@hokusai/sdk';

const client = new Hokusai({ apiKey: 'hk_test_x', baseUrl: 'http://localhost:8080', maxRetries: 1 });
const lead: LeadScoringInput = {
  company_size: 1000, industry: 'Technology', engagement_score: 75, website_visits: 10, email_opens: 5,
  content_downloads: 3, demo_requested: true, budget_confirmed: false, decision_timeline: 'Q2 2025',
  title: 'VP of Engineering',
};
export async function main(): Promise<number> {
  try {
    const scored: Prediction<LeadScore> = await client.predictions.create('21', lead);
    const tier: 'Hot' | 'Warm' | 'Cold' = scored.predictions.recommendation;
    const raw = await client.models.withRawResponse().get('21');
    const remaining: number | undefined = raw.rateLimit?.remaining;
    for await (const model of client.models.listAll()) {
      const id: number = model.id;
      void id;
    }
    void tier;
    return remaining ?? 0;
  } catch (error) {
    if (error instanceof RateLimitError) return error.retryAfter ?? 0;
    if (error instanceof HokusaiError) return error.status;
    throw error;
  }
}
`;
    writeFileSync(join(scratch, 'consumer.mts'), consumer);
    writeFileSync(join(scratch, 'consumer.cts'), consumer);
    // The README's example, as a reader would paste it into an ES module.
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README has a TypeScript example').toBeDefined();
    writeFileSync(join(scratch, 'readme-example.mts'), `${example ?? ''}\nexport {};\n`);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noImplicitAny: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022'],
          types: ['node'],
          typeRoots: [resolve(moduleDir, 'node_modules', '@types')],
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['consumer.mts', 'consumer.cts', 'readme-example.mts'],
      }),
    );
    const output = (() => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', scratch], { encoding: 'utf8' });
      } catch (failure) {
        return String((failure as { stdout?: string }).stdout);
      }
    })();
    expect(output).toBe('');
  });
});
