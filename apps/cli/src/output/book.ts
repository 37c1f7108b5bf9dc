import type { OrderBook } from '@exkit/core';
import { renderTable } from './table.js';
import { cell, isoTime } from './values.js';

/** Asks above bids, best in the middle, as a trader reads a ladder. */
export function renderBook(book: OrderBook, depth: number): string {
  const asks = book.asks.slice(0, depth).reverse();
  const bids = book.bids.slice(0, depth);
  const rows = [...asks.map((l) => ['', cell(l.price), cell(l.size)]), ...bids.map((l) => [cell(l.size), cell(l.price), ''])];
  const spread = book.asks[0] !== undefined && book.bids[0] !== undefined ? book.asks[0].price.minus(book.bids[0].price).toFixed() : '-';
  return `${book.symbol}  ${isoTime(book.timestamp)}  spread ${spread}${book.sequence === undefined ? '' : `  seq ${book.sequence}`}\n${renderTable(['bid size', 'price', 'ask size'], rows)}`;
}
