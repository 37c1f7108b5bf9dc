/** Conformance kit against the simulator: Fault tolerance: clock jumps, rate-limit window, dropped response, resets, duplicated events. CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-FT-01', 'CK-FT-03', 'CK-FT-05', 'CK-FT-06', 'CK-FT-07', 'CK-FT-09',
  'CK-ER-08',
]);
