import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/package/**', 'test/pacts/**'],
    environment: 'node',
    restoreMocks: true,
  },
});
