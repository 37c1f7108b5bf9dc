/** Conformance kit against the simulator: Errors; the network ones (CK-ER-09, retries through a 15 s budget) have their own file. CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-ER-01', 'CK-ER-02', 'CK-ER-03', 'CK-ER-04', 'CK-ER-05', 'CK-ER-06', 'CK-ER-07', 'CK-ER-10',
  'CK-ER-11',
  'CK-ER-08',
]);
