# @exkit/__id__

__Name__ for exkit — a **scaffold**: it builds, typechecks, lints and its tests run, but every venue
call still answers `NotSupportedError` ("not implemented yet"). Run the conformance kit to see what is
left:

```sh
pnpm --filter @exkit/__id__ conformance
```

It prints one line per case, a summary per area, and the capabilities still declared false. Follow
`docs/adding-an-exchange.md` (the Bitunix package is the worked example) in order:

1. wire protocol reference → 2. schemas from real payloads (`src/rest/`) → 3. signing with the venue's
published test vectors → 4. mappers (`src/map/`) → 5. streams (`src/ws/`) → 6. simulator front
(`src/testing/`) → 7. conformance (`test/`) → 8. benchmarks (`bench/`) → 9. a changeset.

Layout (the same as `@exkit/bybit` and `@exkit/bitunix`):

| Path | Holds |
|---|---|
| `src/index.ts` | `create__Name__()` and the public types |
| `src/exchange.ts`, `src/exchange/` | the `ExchangeBase` subclass, capabilities |
| `src/rest/` | endpoints, zod schemas, signing, error codes |
| `src/ws/` | stream protocol over core's `TopicManager` |
| `src/map/` | venue payload → core model mappers |
| `src/testing/` | the simulator front (`@exkit/__id__/testing`) |
| `test/` | unit tests and the conformance run |
| `bench/` | benchmarks (see `bench/README.md`) |

Remove `"private": true` from `package.json` when the conformance run passes and the package is
ready to publish.
