// Reconciliation bookkeeping shared by adapters: what was already delivered, bounded in memory.
export { trimOldest } from './bounded-map.js';
export { FillLedger } from './fill-ledger.js';
export { ORDER_STATUS_RANK, OrderLedger, statusRegresses, type OrderLedgerOptions } from './order-ledger.js';
