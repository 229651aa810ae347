// What the build knows about the package, read from the contract and the Maven project, never retyped:
// the npm version (from the project's version), the licence and home page (from the spec's info), the spec itself.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const moduleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const specFile = resolve(moduleDir, '..', 'api-spec', 'src', 'main', 'openapi', 'openapi.yaml');
export const packageDir = resolve(moduleDir, 'target', 'package');
export const PACKAGE_NAME = '@hokusai/sdk';

export function readSpec() {
  return parse(readFileSync(specFile, 'utf8'));
}

/** The Maven project's version: from Maven when it runs the build, else this module's parent version in pom.xml. */
export function projectVersion() {
  const fromMaven = process.env.HOKUSAI_PROJECT_VERSION;
  if (fromMaven && !fromMaven.startsWith('${')) {
    return fromMaven;
  }
  const pom = readFileSync(resolve(moduleDir, 'pom.xml'), 'utf8');
  const parentVersion = /<parent>[\s\S]*?<version>([^<]+)<\/version>[\s\S]*?<\/parent>/.exec(pom);
  if (!parentVersion) {
    throw new Error('sdk-typescript/pom.xml names no parent version');
  }
  return parentVersion[1].trim();
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*))*))?$/;

/**
 * A Maven version as npm semver: `1.0.0` stays, `1.2` becomes `1.2.0`, a qualifier becomes a lower-case pre-release
 * (`1.0.0-SNAPSHOT` → `1.0.0-snapshot`, `2.0.0-RC1` → `2.0.0-rc1`), so npm orders a snapshot before its release.
 */
export function npmVersion(mavenVersion) {
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-.](.+))?$/.exec(mavenVersion.trim());
  if (!match) {
    throw new Error(`Maven version '${mavenVersion}' has no npm equivalent`);
  }
  const [, major, minor = '0', patch = '0', qualifier] = match;
  const core = `${Number(major)}.${Number(minor)}.${Number(patch)}`;
  const version = qualifier ? `${core}-${qualifier.toLowerCase().replace(/[^0-9a-z.-]/g, '-')}` : core;
  if (!SEMVER.test(version)) {
    throw new Error(`Maven version '${mavenVersion}' maps to '${version}', which is not semver`);
  }
  return version;
}

/**
 * The package's licence, as the contract states it (info.license): its SPDX identifier when the spec gives one
 * (OpenAPI 3.1 `identifier`), else npm's form for a licence that is not an SPDX one, with the licence's name and
 * URL in the package's LICENSE file.
 */
export function packageLicense(spec) {
  const license = spec.info?.license;
  if (!license?.name) {
    throw new Error('the spec has no info.license');
  }
  if (license.identifier) {
    return { field: license.identifier, text: null };
  }
  const text = [
    `${spec.info.title}: ${license.name}`,
    '',
    `This package is distributed under the licence of the ${spec.info.title} contract: ${license.name}.`,
    ...(license.url ? [`See ${license.url}.`] : spec.info.contact?.url ? [`See ${spec.info.contact.url}.`] : []),
    '',
  ].join('\n');
  return { field: 'SEE LICENSE IN LICENSE', text };
}

/** The manifest of the published package: no scripts, no dependencies of any kind, entry points for ESM and CJS. */
export function packageManifest(spec, version) {
  return {
    name: PACKAGE_NAME,
    version,
    description: `The TypeScript client of the ${spec.info.title}: score inputs with the models registered on Hokusai, read the registry, report outcomes and manage API keys. Node 20+, no dependencies.`,
    license: packageLicense(spec).field,
    homepage: spec.info.contact?.url,
    keywords: ['hokusai', 'machine-learning', 'predictions', 'lead-scoring', 'sdk', 'openapi'],
    engines: { node: '>=20' },
    sideEffects: false,
    main: './dist/cjs/index.js',
    module: './dist/esm/index.js',
    types: './dist/cjs/index.d.ts',
    exports: {
      '.': {
        import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md', 'LICENSE'],
  };
}
