/** The catalogue: every case of conformance-cases.md, in its order. */
import { ACCOUNT_CASES } from './account.js';
import { ERROR_CASES } from './error-handling.js';
import { FAULT_CASES } from './fault-tolerance.js';
import { MARKET_DATA_CASES } from './market-data.js';
import { ORDER_BOOK_CASES } from './order-book.js';
import { ORDER_CASES } from './orders.js';
import { PRECISION_CASES } from './precision.js';
import { STREAM_CASES } from './streams.js';
import { SYMBOL_CASES } from './symbols.js';
import type { CaseDef } from './types.js';

export const ALL_CASES: readonly CaseDef[] = [
  ...SYMBOL_CASES,
  ...MARKET_DATA_CASES,
  ...ORDER_BOOK_CASES,
  ...STREAM_CASES,
  ...ORDER_CASES,
  ...ACCOUNT_CASES,
  ...ERROR_CASES,
  ...FAULT_CASES,
  ...PRECISION_CASES,
];
