/**
 * Conformance CK-FT-10: 30 s of refused connections, then longer than the reconnect budget — set to 30 s here (the
 * adapter's `reconnectBudgetMs`, default 60 s) so the case fits the file budget.
 */
import { registerConformance } from './register.js';

await registerConformance(['CK-FT-10'], {}, { reconnectBudgetMs: 30_000 });
