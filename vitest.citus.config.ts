import { defineConfig } from 'vitest/config';

// `npm run test:citus`: the product on a real Citus cluster (test/citus/global-setup.ts).
// Not part of `npm test`. Files run one after another: they share the cluster's one database.
export default defineConfig({
  test: {
    globalSetup: ['test/citus/global-setup.ts'],
    include: ['test/citus/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
