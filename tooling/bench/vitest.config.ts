import { defineConfig } from 'vitest/config';

// Only the harness's own tests: suites (*.bench.ts) are run by run-all.mjs, never by vitest.
export default defineConfig({
  test: { name: '@exkit/bench', include: ['test/**/*.test.ts'] },
});
