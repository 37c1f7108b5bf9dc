# src/map — venue payloads → core models

Step 4 of `docs/adding-an-exchange.md`: pure functions from parsed venue payloads to core models
(`Ticker`, `OrderBook`, `Order`, `Fill`, …) with `Decimal` values, unified symbols and epoch-ms
times; an unknown enum value is an `UnexpectedResponseError`, never a default.

Worked example: `packages/bitunix/src/map/` (`order.ts`, `enums.ts`, `book.ts`).
