import { positionSchema as corePositionSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapPosition } from '../../src/map/position.js';
import { positionListResponseSchema, positionSchema } from '../../src/rest/schemas/account.js';
import { wsPositionFrameSchema } from '../../src/ws/schemas/private.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain } from '../helpers/markets.js';

const xrp = linearMarket('XRPUSDT', 'XRP');
const row = (fields: Record<string, unknown>) => positionSchema.parse({ symbol: 'XRPUSDT', positionIdx: 0, side: 'Buy', size: '1', ...fields });

describe('mapPosition', () => {
  it('the linear REST fixture: a long of 100 at avgPrice', () => {
    const res = positionListResponseSchema.parse(fixture('position-list-linear.json'));
    const p = mapPosition(res.result.list[0]!, xrp, res.time);
    expect(corePositionSchema.safeParse(p).success).toBe(true);
    expect(plain(p)).toEqual({
      symbol: 'XRP/USDT:USDT',
      side: 'long',
      size: '100',
      entryPrice: '0.3615',
      markPrice: '0.3432',
      liquidationPrice: '0.0001',
      unrealizedPnl: '-1.83',
      leverage: '10',
      margin: '3.634521',
      timestamp: 1672279322668,
    });
  });

  it('a short is negative; WS rows carry entryPrice', () => {
    const p = mapPosition(row({ side: 'Sell', size: '0.5', entryPrice: '30000', curRealisedPnl: '-1.5' }), xrp, 1);
    expect(plain([p.side, p.size, p.entryPrice, p.realizedPnl])).toEqual(['short', '-0.5', '30000', '-1.5']);
  });

  it('a flat WS row (side "") is flat with size 0 and no entry', () => {
    const frame = wsPositionFrameSchema.parse(fixture('ws-position.json'));
    const p = mapPosition(frame.data[0]!, linearMarket('BTCUSDT', 'BTC'), frame.creationTime);
    expect(plain([p.side, p.size, p.entryPrice, p.liquidationPrice, p.timestamp])).toEqual(['flat', '0', undefined, undefined, 1697682317038]);
  });

  it('"" liquidation price is absent; a placeholder time falls back', () => {
    const p = mapPosition(row({ liqPrice: '', updatedTime: '0', createdTime: '0' }), xrp, 1700000000000);
    expect(p.liquidationPrice).toBeUndefined();
    expect(p.timestamp).toBe(1700000000000);
  });
});
