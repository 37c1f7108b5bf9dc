{
  "name": "@exkit/__id__",
  "version": "0.0.0",
  "private": true,
  "description": "__Name__ adapter for exkit (scaffold: see docs/adding-an-exchange.md for what is left to implement).",
  "exkit": {
    "kind": "exchange"
  },
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "engines": {
    "node": ">=20.19"
  },
  "repository": {
    "type": "git",
    "url": "git+https://github.com/exkit/exkit.git",
    "directory": "packages/__id__"
  },
  "publishConfig": {
    "access": "public"
  },
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "import": "./dist/index.js"
    },
    "./testing": {
      "types": "./dist/testing/index.d.ts",
      "import": "./dist/testing/index.js"
    },
    "./package.json": "./package.json"
  },
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "files": [
    "dist"
  ],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc --noEmit -p tsconfig.json",
    "lint": "eslint src test",
    "test": "vitest run",
    "conformance": "tsx test/testing/run-conformance.ts"
  },
  "dependencies": {
    "@exkit/core": "workspace:*"
  },
  "peerDependencies": {
    "zod": "^4.1.8",
    "@exkit/sim": "workspace:*"
  },
  "peerDependenciesMeta": {
    "@exkit/sim": {
      "optional": true
    }
  },
  "devDependencies": {
    "@exkit/sim": "workspace:*",
    "@types/node": "^20.19.0",
    "typescript": "5.9.3",
    "vitest": "4.1.12",
    "zod": "4.6.7"
  }
}
