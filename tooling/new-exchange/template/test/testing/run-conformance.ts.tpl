/**
 * Runs the whole conformance kit and prints one line per case, the summary and what is missing:
 * `pnpm --filter @exkit/__id__ conformance [case…]`.
 */
import { runConformance } from '@exkit/core/testing';
import { __id__Target } from './conformance-target.js';

const only = process.argv.slice(2);
const result = await runConformance(__id__Target(), only.length > 0 ? { only } : {});
const failing = result.cases.filter((c) => c.status === 'FAIL' || c.status === 'ERROR').length;
process.stdout.write(`left to implement: ${failing} failing case(s), ${result.missing.length} capability group(s) missing\n`);
process.exitCode = result.ok ? 0 : 1;
