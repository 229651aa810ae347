import { describe, expect, it } from 'vitest';
import { clientFor, FakeFetch, json } from './fake-fetch.js';

const DEPRECATED = {
  Deprecation: '@1796083200',
  Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
  Link: '</docs/changelog.html#deprecated-fields>; rel="deprecation"',
};

describe('deprecation warnings', () => {
  it('warn once per operation, naming it, the sunset and the migration notes', async () => {
    const fake = new FakeFetch().answer(json({ id: 21 }, 200, DEPRECATED));
    const warnings: string[] = [];
    const { client } = clientFor(fake, { onWarning: (message) => warnings.push(message) });

    await client.models.info('21');
    await client.models.info('21');
    await client.deployments.list('21');
    await client.deployments.list('21');

    expect(warnings).toEqual([
      'Hokusai API: getModelInfo answers with deprecated fields or is deprecated (Deprecation: @1796083200); ' +
        'removed after Wed, 30 Jun 2027 00:00:00 GMT; how to migrate: /docs/changelog.html#deprecated-fields',
      'Hokusai API: listModelDeployments answers with deprecated fields or is deprecated (Deprecation: @1796083200); ' +
        'removed after Wed, 30 Jun 2027 00:00:00 GMT; how to migrate: /docs/changelog.html#deprecated-fields',
    ]);
  });

  it('say nothing for an answer without Deprecation', async () => {
    const fake = new FakeFetch().answer(json({ id: 21 }));
    const warnings: string[] = [];
    const { client } = clientFor(fake, { onWarning: (message) => warnings.push(message) });

    await client.models.info('21');

    expect(warnings).toEqual([]);
  });

  it('go to process.emitWarning as a DeprecationWarning by default', async () => {
    const fake = new FakeFetch().answer(json({ id: 21 }, 200, DEPRECATED));
    const emitted: unknown[][] = [];
    const original = process.emitWarning;
    process.emitWarning = ((...args: unknown[]) => {
      emitted.push(args);
    }) as typeof process.emitWarning;
    try {
      const { client } = clientFor(fake, { onWarning: undefined });
      await client.models.info('21');
    } finally {
      process.emitWarning = original;
    }

    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.[1]).toEqual({ type: 'DeprecationWarning', code: 'HOKUSAI_DEPRECATED' });
  });
});
