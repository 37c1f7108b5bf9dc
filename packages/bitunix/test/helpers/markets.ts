import { Decimal, ONE, type Market } from '@exkit/core';

export const BTC: Market = {
  symbol: 'BTC/USDT:USDT',
  id: 'BTCUSDT',
  type: 'swap',
  base: 'BTC',
  quote: 'USDT',
  settle: 'USDT',
  active: true,
  contractSize: ONE,
  tickSize: new Decimal('0.1'),
  stepSize: new Decimal('0.0001'),
  minAmount: new Decimal('0.0001'),
  maxLeverage: new Decimal(125),
};

export const ETH: Market = { ...BTC, symbol: 'ETH/USDT:USDT', id: 'ETHUSDT', base: 'ETH', tickSize: new Decimal('0.01'), stepSize: new Decimal('0.001'), minAmount: new Decimal('0.001') };

export const d = (v: string): Decimal => new Decimal(v);
/** Decimal → plain text, for readable expectations. */
export const t = (v: { toFixed(): string } | undefined): string | undefined => v?.toFixed();
