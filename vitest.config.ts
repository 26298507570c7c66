import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // test/citus needs a Citus cluster: `npm run test:citus` (vitest.citus.config.ts).
    exclude: ['test/citus/**', '**/node_modules/**'],
    // Concurrency tests wait on real row locks; give slow CI machines room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
