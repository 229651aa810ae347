// Builds the package into target/package: strict ESM and CommonJS builds with their .d.ts, each folder marked with
// its module type, and the published manifest, README and LICENSE. `npm pack ./target/package` packs exactly that.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { moduleDir, npmVersion, packageDir, packageLicense, packageManifest, projectVersion, readSpec } from './project.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(packageDir, { recursive: true, force: true });
for (const [config, type] of [['tsconfig.esm.json', 'module'], ['tsconfig.cjs.json', 'commonjs']]) {
  execFileSync(process.execPath, [tsc, '-p', resolve(moduleDir, config)], { stdio: 'inherit', cwd: moduleDir });
  const outDir = resolve(packageDir, 'dist', type === 'module' ? 'esm' : 'cjs');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'package.json'), JSON.stringify({ type }, null, 2) + '\n');
}

const spec = readSpec();
const version = npmVersion(projectVersion());
writeFileSync(resolve(packageDir, 'package.json'), JSON.stringify(packageManifest(spec, version), null, 2) + '\n');
copyFileSync(resolve(moduleDir, 'README.md'), resolve(packageDir, 'README.md'));
const { text } = packageLicense(spec);
if (text !== null) {
  writeFileSync(resolve(packageDir, 'LICENSE'), text);
}
console.log(`built ${packageManifest(spec, version).name}@${version} into ${packageDir}`);
