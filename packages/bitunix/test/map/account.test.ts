import { describe, expect, it } from 'vitest';
import { fromAccount, fromWsBalance } from '../../src/map/balance.js';
import { fromRestFundingRate } from '../../src/map/funding.js';
import { fromPendingPosition, fromWsPosition } from '../../src/map/position.js';
import { accountSchema } from '../../src/rest/schemas/account.js';
import { fundingRatesSchema } from '../../src/rest/schemas/market.js';
import { pendingPositionsSchema } from '../../src/rest/schemas/position.js';
import { balanceFrameSchema, positionFrameSchema, positionItemSchema } from '../../src/ws/schemas/private.js';
import { fixtureData } from '../helpers/fixtures.js';
import { BTC, t } from '../helpers/markets.js';

describe('balances', () => {
  it('GET account (array doc form and object live form) → free, used = frozen + margin, total', () => {
    const doc = fromAccount(accountSchema.parse(fixtureData('rest-account.json')), 7);
    const obj = fromAccount(accountSchema.parse((fixtureData('rest-account.json') as unknown[])[0]), 7);
    for (const b of [doc, obj]) {
      expect(b.currency).toBe('USDT');
      expect([t(b.free), t(b.used), t(b.total)]).toEqual(['1000', '10', '1010']);
    }
  });

  it('WS balance: frozen/margin from their parts when the sum is absent', () => {
    const frame = balanceFrameSchema.parse({ ch: 'balance', ts: 9, data: { coin: 'usdt', available: '100', isolationFrozen: '1', crossFrozen: '2', isolationMargin: '3', crossMargin: '4' } });
    const b = fromWsBalance(frame.data[0]!, frame.ts);
    expect([b.currency, t(b.free), t(b.used), t(b.total), b.timestamp]).toEqual(['USDT', '100', '10', '110', 9]);
  });
});

describe('positions', () => {
  it('pending position fixture → signed long position', () => {
    const [row] = pendingPositionsSchema.parse(fixtureData('rest-pending-positions.json'));
    const p = fromPendingPosition(row!, BTC);
    expect(p).toMatchObject({ symbol: 'BTC/USDT:USDT', side: 'long', marginMode: 'isolated', timestamp: 1691382137448 });
    expect([t(p.size), t(p.entryPrice), t(p.liquidationPrice), t(p.unrealizedPnl), t(p.realizedPnl), t(p.leverage), t(p.margin)]).toEqual(['0.5', '1', '22209', '1.5', '102.9', '100', '300']);
  });

  const cases: Array<[string, Record<string, unknown>, [string, string, string | undefined, string | undefined]]> = [
    ['short is negative', { side: 'SHORT' }, ['short', '-0.5', '60000', '22209']],
    ['liqPrice ≤ 0 means none', { liqPrice: '0' }, ['long', '0.5', '60000', undefined]],
    ['entry from entryValue / qty when no avgOpenPrice', { avgOpenPrice: undefined }, ['long', '0.5', '60000', '22209']],
    ['zero qty is flat', { qty: '0' }, ['flat', '0', '60000', '22209']],
  ];
  it.each(cases)('%s', (_name, over, [side, size, entry, liq]) => {
    const [row] = pendingPositionsSchema.parse([{ positionId: '1', symbol: 'BTCUSDT', qty: '0.5', entryValue: '30000', side: 'LONG', avgOpenPrice: '60000', liqPrice: '22209', ctime: 1691382137448, ...over }]);
    const p = fromPendingPosition(row!, BTC);
    expect([p.side, t(p.size), t(p.entryPrice), t(p.liquidationPrice)]).toEqual([side, size, entry, liq]);
  });

  it('WS position: OPEN/UPDATE → open, CLOSE → flat; leverage is a string', () => {
    const item = { event: 'UPDATE', positionId: '1', marginMode: 'CROSS', positionMode: 'ONE_WAY', side: 'SHORT', leverage: '20', margin: '10', ctime: '2024-05-16T08:13:09.123456789Z', qty: '0.2', entryValue: '12000', symbol: 'BTCUSDT', unrealizedPNL: '-1' };
    const open = fromWsPosition(positionItemSchema.parse(item), BTC, 5);
    expect([open.side, t(open.size), t(open.entryPrice), t(open.leverage), open.marginMode, open.timestamp]).toEqual(['short', '-0.2', '60000', '20', 'cross', 5]);
    const frame = positionFrameSchema.parse({ ch: 'position', ts: 6, data: { ...item, event: 'close' } });
    const closed = fromWsPosition(frame.data[0]!, BTC, frame.ts);
    expect([closed.side, t(closed.size), t(closed.unrealizedPnl)]).toEqual(['flat', '0', '0']);
  });
});

describe('funding rate', () => {
  it('percent on the wire → fraction; settles at nextFundingTime', () => {
    const [row] = fundingRatesSchema.parse(fixtureData('rest-funding-rate.json'));
    const f = fromRestFundingRate(row!, BTC, 1);
    expect([t(f.rate), f.timestamp, f.nextFundingTime, t(f.markPrice), t(f.indexPrice)]).toEqual(['0.000005', 1770710400000, 1770710400000, '60000', '60001']);
  });

  it('the old 4-field page (array) and an object reply both parse; without a next time the reading time is used', () => {
    const old = fundingRatesSchema.parse(fixtureData('rest-funding-rate-doc-old.json'));
    expect(fromRestFundingRate(old[0]!, BTC, 42).timestamp).toBe(42);
    expect(fundingRatesSchema.parse({ symbol: 'BTCUSDT', fundingRate: '-0.01' })).toHaveLength(1);
  });
});
