/** Conformance kit against the simulator: Orders, account/positions/leverage and precision (CK-PR-04 is SKIP-cap: see register.ts). CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-OR-01', 'CK-OR-02', 'CK-OR-03', 'CK-OR-04', 'CK-OR-05', 'CK-OR-06', 'CK-OR-07', 'CK-OR-08',
  'CK-OR-09', 'CK-OR-10', 'CK-OR-11', 'CK-OR-12', 'CK-OR-13', 'CK-OR-14', 'CK-OR-15', 'CK-OR-16',
  'CK-OR-17', 'CK-OR-18', 'CK-OR-19', 'CK-OR-20', 'CK-OR-21', 'CK-AC-01', 'CK-AC-02', 'CK-AC-03',
  'CK-AC-04', 'CK-AC-05', 'CK-AC-06', 'CK-AC-07', 'CK-AC-08', 'CK-PR-01', 'CK-PR-02', 'CK-PR-03',
  'CK-PR-04', 'CK-PR-05', 'CK-PR-06',
  'CK-ER-08',
]);
