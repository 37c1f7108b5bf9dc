# Benchmarks for @exkit/__id__

Benchmarks live with the shared harness in `tooling/bench` (`@exkit/bench`): add a suite for this
venue next to the Bybit and Bitunix ones (`tooling/bench/suites/`) once the mappers and the order
book exist — mapping throughput, book maintenance, signing — and record the figures with
`pnpm bench` (the lead runs it for the whole workspace). Performance is measured there, never
asserted in unit tests.
