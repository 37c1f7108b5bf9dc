/** Conformance CK-FT-04: reads ride out a 10 s outage; past the retry budget ExchangeUnavailable; orders not retried blindly. */
import { registerConformance } from './testing/conformance-suite.js';

await registerConformance(['CK-FT-04']);
