import { defineConfig } from 'vitest/config';

/** What starts browsers, server processes or a load test: the slow tier, run by `npm test` and CI. */
const SLOW_TIER = ['test/browser/**', 'test/process/**', 'test/bench/**'];
const ALWAYS_EXCLUDED = [
  // test/citus needs a Citus cluster: `npm run test:citus` (vitest.citus.config.ts).
  'test/citus/**', '**/node_modules/**',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // Concurrency tests wait on real row locks; give slow CI machines room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // The edit-test loop (`npm run test:fast`): unit, database, decisions, HTTP, concurrency, every new folder.
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...ALWAYS_EXCLUDED, ...SLOW_TIER] } },
      { extends: true, test: { name: 'slow', include: SLOW_TIER.map((dir) => `${dir}/*.test.ts`), exclude: ALWAYS_EXCLUDED } },
    ],
  },
});
