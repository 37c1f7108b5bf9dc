import { defineConfig } from 'vitest/config';

// One process, one summary: every package keeps its own vitest.config.ts (so `pnpm --filter X test`
// works alone) and the root run picks them all up as projects.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tooling/*/vitest.config.ts'],
  },
});
