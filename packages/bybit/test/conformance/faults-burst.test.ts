/** Conformance kit against the simulator: A burst at 3× every venue bucket (CK-FT-02): ~1 800 reads paced by the adapter's limiter. CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-FT-02',
  'CK-ER-08',
]);
