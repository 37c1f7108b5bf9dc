/** Conformance: streams and lifecycle, and ER-09 (connection refused, timeout, maintenance) (see markets.test.ts for the split and what is left out). */
import { registerConformance } from './register.js';

await registerConformance(['CK-ST-01', 'CK-ST-02', 'CK-ST-03', 'CK-ST-05', 'CK-ST-06', 'CK-ST-07', 'CK-ST-08', 'CK-ST-09', 'CK-ST-10', 'CK-ER-09']);
