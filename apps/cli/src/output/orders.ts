import type { Fill, Order } from '@exkit/core';
import { printTable } from './table.js';
import { cell, isoTime } from './values.js';

export function printOrders(orders: readonly Order[]): void {
  printTable(
    ['id', 'client id', 'symbol', 'side', 'type', 'status', 'price', 'amount', 'filled', 'trigger', 'updated'],
    orders.map((o) => [o.id, cell(o.clientOrderId), o.symbol, o.side, o.type, o.status, cell(o.price), cell(o.amount), cell(o.filled), cell(o.triggerPrice), isoTime(o.updatedAt)]),
  );
}

export function printFills(fills: readonly Fill[]): void {
  printTable(
    ['time', 'symbol', 'side', 'price', 'size', 'fee', 'liquidity', 'order id', 'id'],
    fills.map((f) => [isoTime(f.timestamp), f.symbol, f.side, cell(f.price), cell(f.size), `${cell(f.fee.amount)} ${f.fee.currency}`, f.liquidity, f.orderId, f.id]),
  );
}
