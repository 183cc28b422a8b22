import { configDefaults, defineConfig } from 'vitest/config';

// Test files that talk to the Spark cluster share its one catalog (bronze, silver, gold ...
// schemas), so they run one file at a time; everything else runs two files at a time.
const SPARK_TESTS = ['test/engine/spark*.test.ts', 'test/engine/spark/**/*.test.ts', 'test/cross-engine/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // DuckDB and the CLI tests are CPU-heavy; two workers match the 2-core machine.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SPARK_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'spark',
          include: SPARK_TESTS,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
