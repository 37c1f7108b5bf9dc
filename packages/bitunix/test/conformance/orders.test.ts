/** Conformance: orders and errors (see markets.test.ts for the split and what is left out). */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-OR-01', 'CK-OR-02', 'CK-OR-03', 'CK-OR-04', 'CK-OR-05', 'CK-OR-06', 'CK-OR-07', 'CK-OR-08', 'CK-OR-09', 'CK-OR-10', 'CK-OR-11',
  'CK-OR-12', 'CK-OR-13', 'CK-OR-14', 'CK-OR-15', 'CK-OR-16', 'CK-OR-17', 'CK-OR-18', 'CK-OR-19', 'CK-OR-20', 'CK-OR-21',
  'CK-ER-01', 'CK-ER-02', 'CK-ER-03', 'CK-ER-04', 'CK-ER-05', 'CK-ER-06', 'CK-ER-07', 'CK-ER-08', 'CK-ER-10', 'CK-ER-11',
]);
