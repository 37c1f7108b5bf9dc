/** Conformance CK-FT-04: reads ride out a 10 s outage; past the retry budget ExchangeUnavailable; orders not retried blindly. */
import { registerConformance } from './register.js';

await registerConformance(['CK-FT-04']);
