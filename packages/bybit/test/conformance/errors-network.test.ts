/** Conformance kit against the simulator: Refused connection, request timeout and maintenance → Network / ExchangeUnavailable (CK-ER-09). CK-ER-08 (every error this run saw) closes each file. */
import { registerConformance } from './register.js';

await registerConformance([
  'CK-ER-09',
  'CK-ER-08',
]);
