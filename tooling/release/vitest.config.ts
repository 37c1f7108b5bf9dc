import { defineConfig } from 'vitest/config';

// Packs and npm-installs tarballs into a scratch project: network-bound (the npm registry for zod, ws, …), minutes at worst.
export default defineConfig({ test: { name: '@exkit/release', include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 120_000 } });
