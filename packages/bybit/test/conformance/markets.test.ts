/** Conformance kit against the simulator: Symbols, market data and order books. CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-SY-01', 'CK-SY-02', 'CK-SY-03', 'CK-SY-04', 'CK-SY-05', 'CK-SY-06', 'CK-MD-01', 'CK-MD-02',
  'CK-MD-03', 'CK-MD-04', 'CK-MD-05', 'CK-MD-06', 'CK-MD-07', 'CK-MD-08', 'CK-MD-09', 'CK-MD-10',
  'CK-BK-01', 'CK-BK-02', 'CK-BK-03', 'CK-BK-04', 'CK-BK-05', 'CK-BK-06', 'CK-BK-07', 'CK-BK-08',
  'CK-ER-08',
]);
