/**
 * Conformance CK-ST-04 (idle for 3 × the venue's idle cut): the simulator cuts silent sockets at 15 s here instead of
 * ~60 s, and the adapter pings every 5 s instead of 20 s — the same ratio as live, a quarter of the wall time.
 */
import { registerConformance } from './register.js';

await registerConformance(['CK-ST-04'], { idleTimeoutMs: 15_000 }, { heartbeatIntervalMs: 5_000 });
