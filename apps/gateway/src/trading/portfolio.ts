// The account as the engine sees it: portfolio value (quote balance + unrealized PnL) and positions,
// re-read from the venues; position changes become bus events (`position_opened|updated|closed`).
import { Decimal, ZERO, type Clock, type Position } from '@exkit/core';
import type { EventBus } from '../contracts/events.js';
import type { Venue } from '../contracts/venues.js';
import { busMessage } from '../events/message.js';

export interface PositionLine {
  readonly venue: string;
  readonly position: Position;
}

export interface PortfolioSnapshot {
  readonly value: Decimal;
  readonly positions: readonly PositionLine[];
  readonly at: number;
}

const key = (venue: string, symbol: string): string => `${venue}|${symbol}`;

export class Portfolio {
  #positions = new Map<string, PositionLine>();
  #snapshot: PortfolioSnapshot | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly quoteCurrency: string,
  ) {}

  get snapshot(): PortfolioSnapshot | undefined {
    return this.#snapshot;
  }

  /** Signed size of the position on `symbol` (0 when flat). */
  size(venue: string, symbol: string): Decimal {
    return this.#positions.get(key(venue, symbol))?.position.size ?? ZERO;
  }

  position(venue: string, symbol: string): Position | undefined {
    return this.#positions.get(key(venue, symbol))?.position;
  }

  /** Re-reads every venue; `announce` publishes the differences (false on the first read after a start). */
  async refresh(venues: readonly Venue[], announce: boolean): Promise<PortfolioSnapshot> {
    let value = new Decimal(0);
    const next = new Map<string, PositionLine>();
    for (const venue of venues) {
      const [balances, positions] = await Promise.all([
        venue.client.fetchBalances(),
        venue.client.capabilities.positions ? venue.client.fetchPositions() : Promise.resolve([] as Position[]),
      ]);
      const quote = balances.find((b) => b.currency === this.quoteCurrency);
      if (quote !== undefined) value = value.plus(quote.total);
      for (const p of positions) {
        if (p.size.isZero()) continue;
        value = value.plus(p.unrealizedPnl);
        next.set(key(venue.id, p.symbol), { venue: venue.id, position: p });
      }
    }
    if (announce) this.#announce(next);
    this.#positions = next;
    this.#snapshot = { value, positions: [...next.values()], at: this.clock.now() };
    return this.#snapshot;
  }

  #announce(next: Map<string, PositionLine>): void {
    for (const [k, line] of next) {
      const before = this.#positions.get(k);
      if (before === undefined) this.#publish('position_opened', line);
      else if (!before.position.size.eq(line.position.size)) this.#publish('position_updated', line);
    }
    for (const [k, line] of this.#positions) if (!next.has(k)) this.#publish('position_closed', line, true);
  }

  #publish(event: 'position_opened' | 'position_updated' | 'position_closed', line: PositionLine, closed = false): void {
    const data = { event, ...positionData(line), ...(closed && { size: '0', closed_size: line.position.size.toFixed() }) };
    const at = this.clock.now();
    this.bus.publish(busMessage(event, event, data, { at }));
    this.bus.publish(busMessage('trading_updates', 'trading_update', data, { at }));
  }
}

export function positionData(line: PositionLine): Record<string, unknown> {
  const p = line.position;
  return {
    exchange: line.venue,
    symbol: p.symbol,
    side: p.size.gt(0) ? 'long' : p.size.lt(0) ? 'short' : 'flat',
    size: p.size.abs().toFixed(),
    entry_price: p.entryPrice?.toFixed() ?? null,
    mark_price: p.markPrice?.toFixed() ?? null,
    unrealized_pnl: p.unrealizedPnl.toFixed(),
  };
}
