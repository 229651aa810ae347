import { defineConfig } from 'vitest/config';

// The consumer pacts: one process writes target/pacts/hokusai-sdk-typescript-hokusai-model-api.json, file after
// file, starting from an empty folder (test/pacts/clean.ts) so an interaction deleted from the tests cannot linger.
export default defineConfig({
  test: {
    include: ['test/pacts/**/*.pact.test.ts'],
    environment: 'node',
    fileParallelism: false,
    globalSetup: ['test/pacts/clean.ts'],
    testTimeout: 30_000,
  },
});
