import { defineConfig } from 'vitest/config';

// The tarball's own test: runs after `npm pack` wrote target/hokusai-sdk-<version>.tgz.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
