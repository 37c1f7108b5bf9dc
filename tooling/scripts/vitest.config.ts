import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: '@exkit/tooling-scripts', include: ['test/**/*.test.ts'] } });
