# src/ws — streams for __Name__

Step 5 of `docs/adding-an-exchange.md`: a `TopicProtocol` for core's `TopicManager` (subscribe and
unsubscribe frames, acks, heartbeat, login for private channels) and one `openStream` per stream.
Declare a stream capability only when its conformance cases pass.

Worked example: `packages/bitunix/src/ws/` and `packages/bitunix/src/exchange/streams.ts`.
