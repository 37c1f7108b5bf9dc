/** The order cases (CK-OR), in spec order; split by theme across orders-*.ts. */
import { CONDITIONAL_CASES } from './orders-conditional.js';
import { EXECUTION_CASES } from './orders-execution.js';
import { MANAGEMENT_CASES } from './orders-management.js';
import type { CaseDef } from './types.js';

export { orderDiff } from './orders-support.js';
export const ORDER_CASES: readonly CaseDef[] = [...EXECUTION_CASES, ...CONDITIONAL_CASES, ...MANAGEMENT_CASES];
