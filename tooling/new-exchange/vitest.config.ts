import { defineConfig } from 'vitest/config';

// The scaffold test builds and tests a whole package in a temp dir: minutes, not seconds, on a busy box.
export default defineConfig({ test: { name: '@exkit/new-exchange', include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 120_000 } });
