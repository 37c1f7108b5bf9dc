/** Conformance kit against the simulator: A 10 s unavailable window and one past the read budget (CK-FT-04); a silently lost order update and fill, recovered by the periodic re-read (CK-FT-08). CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-FT-04', 'CK-FT-08',
  'CK-ER-08',
]);
