/** Conformance kit against the simulator: Streams and lifecycle; CK-ST-04 holds a socket idle 3 × the simulator's 4 s idle cut, CK-ST-07 stops reading for 10 s. CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-ST-01', 'CK-ST-02', 'CK-ST-03', 'CK-ST-04', 'CK-ST-05', 'CK-ST-06', 'CK-ST-07', 'CK-ST-08',
  'CK-ST-09', 'CK-ST-10',
  'CK-ER-08',
]);
