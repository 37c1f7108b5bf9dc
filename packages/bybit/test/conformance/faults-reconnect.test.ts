/** Conformance kit against the simulator: 30 s of refused connections, then longer than the 45 s reconnect budget (CK-FT-10). CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-FT-10',
  'CK-ER-08',
]);
