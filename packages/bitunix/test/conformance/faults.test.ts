/** Conformance: fault tolerance (see markets.test.ts for the split and what is left out). */
import { registerConformance } from './register.js';

await registerConformance(['CK-FT-01', 'CK-FT-02', 'CK-FT-03', 'CK-FT-05', 'CK-FT-06', 'CK-FT-07', 'CK-FT-08', 'CK-FT-09']);
