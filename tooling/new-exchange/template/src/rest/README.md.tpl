# src/rest — REST for __Name__

Steps 2 and 3 of `docs/adding-an-exchange.md`:

- `schemas/`: a zod schema per payload, written from real responses (save them under
  `test/fixtures/` and test the schemas against them), never from memory.
- `sign.ts`: the signing function, tested against the venue's published test vectors.
- `error-codes.ts`: venue code → core error class.
- `endpoints/`: one file per endpoint (path, weight, schema).

Worked example: `packages/bitunix/src/rest/` (`sign.ts`, `envelope.ts`, `error-codes.ts`, `schemas/`).
