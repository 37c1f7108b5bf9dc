import { describe, expect, it } from 'vitest';
import { expectConserved, expectDec, PERP, seed, testVenue } from './helpers.js';

/**
 * One scripted life of a position, every figure worked out by hand (maker 0.02 %, taker 0.06 %,
 * leverage 10, wallet 10 000 USDT):
 *
 *  1 open   buy 3 @ 100 taker   fee 0.18              entry 100   wallet  9 999.82
 *  2 add    buy 1 @ 104 taker   fee 0.0624            entry 101   wallet  9 999.7576
 *  3 fund   +4 × mark 102 × 0.0001 paid  −0.0408                   wallet  9 999.7168
 *  4 reduce sell 1 @ 110 maker  fee 0.022, pnl +9     entry 101   wallet 10 008.6948
 *  5 flip   sell 5 @ 95 taker   fee 0.285, pnl −18    −2 @ 95     wallet  9 990.4098
 *  6 fund   −2 × mark 96 × −0.0002 paid −0.0384                    wallet  9 990.3714
 *  7 close  buy 2 @ 97 taker    fee 0.1164, pnl −4    flat        wallet  9 986.255
 */
describe('position and PnL figures, checked by hand', () => {
  it('open, add, fund, reduce, flip, fund, close', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    const wallet = (): string => v.balance(a, 'USDT').total.toFixed();
    const pos = () => v.positions(a, PERP)[0]!;

    seed(v, PERP, [['90.0', '50']], [['100.0', '3'], ['120.0', '50']]);
    const open = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '3' });
    expectDec(open.fee, '0.18');
    expect(wallet()).toBe('9999.82');
    expectDec(pos().size, '3');
    expectDec(pos().entryPrice, '100');
    expectDec(pos().margin, '30');
    expectDec(v.balance(a, 'USDT').used, '30');

    seed(v, PERP, [['90.0', '50']], [['104.0', '1'], ['120.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    expect(wallet()).toBe('9999.7576');
    expectDec(pos().entryPrice, '101');
    expectDec(pos().margin, '40.4');

    v.setPrices(PERP, { mark: '102.0', fundingRate: '0.0001' });
    expectDec(pos().unrealizedPnl, '4');
    v.settleFunding(PERP);
    expect(wallet()).toBe('9999.7168');
    expectDec(pos().funding, '-0.0408');
    expectDec(v.fundingPayments(a)[0]!.amount, '-0.0408');

    seed(v, PERP, [['90.0', '50']], [['120.0', '50']]);
    const reduce = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'limit', size: '1', price: '110.0' });
    v.crossBook(PERP, { side: 'buy', size: '1', limitPrice: '110.0' });
    const reduceFill = v.fills(a, { orderId: reduce.id })[0]!;
    expect(reduceFill.liquidity).toBe('maker');
    expectDec(reduceFill.fee, '0.022');
    expectDec(reduceFill.realizedPnl, '9');
    expect(wallet()).toBe('10008.6948');
    expectDec(pos().size, '3');
    expectDec(pos().entryPrice, '101');
    expectDec(pos().realizedPnl, '9');

    seed(v, PERP, [['95.0', '5'], ['90.0', '50']], [['120.0', '50']]);
    const flip = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '5' });
    expectDec(flip.realizedPnl, '-18');
    expect(wallet()).toBe('9990.4098');
    expectDec(pos().size, '-2');
    expect(pos().side).toBe('short');
    expectDec(pos().entryPrice, '95');
    expectDec(pos().margin, '19');
    expectDec(pos().realizedPnl, '0'); // a fresh position

    v.setPrices(PERP, { mark: '96.0', fundingRate: '-0.0002' });
    expectDec(pos().unrealizedPnl, '-2');
    v.settleFunding(PERP);
    expect(wallet()).toBe('9990.3714');

    seed(v, PERP, [['90.0', '50']], [['97.0', '2'], ['120.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '2' });
    expect(wallet()).toBe('9986.255');
    const flat = pos();
    expectDec(flat.size, '0');
    expect(flat.side).toBe('flat');
    expect(flat.entryPrice).toBeUndefined();
    expectDec(flat.realizedPnl, '-4');
    expectDec(flat.cumRealizedPnl, '-13');
    expectDec(flat.fees, '0.4014'); // 0.285 (the flip opened it) + 0.1164
    expectDec(flat.funding, '-0.0384');
    expectDec(v.balance(a, 'USDT').used, '0');
    // Σ fills: realized −13, fees 0.6658; funding −0.0792: 10 000 − 13 − 0.6658 − 0.0792 = 9 986.255.
    const fills = v.fills(a);
    expectDec(fills.reduce((s, f) => s.plus(f.realizedPnl), fills[0]!.fee.times(0)), '-13');
    expectDec(fills.reduce((s, f) => s.plus(f.fee), fills[0]!.fee.times(0)), '0.6658');
    expectConserved(v);
  });

  it('entry: 0.3 @ 100 + 0.2 @ 110 → 104, a reduction does not move it', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['90.0', '5']], [['100.0', '0.3'], ['110.0', '0.2'], ['130.0', '5']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '0.5', price: '110.0' });
    expectDec(v.positions(a, PERP)[0]!.entryPrice, '104');
    seed(v, PERP, [['120.0', '0.1']], [['130.0', '5']]);
    v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '0.1' });
    const p = v.positions(a, PERP)[0]!;
    expectDec(p.size, '0.4');
    expectDec(p.entryPrice, '104');
    expectDec(p.realizedPnl, '1.6');
  });

  it('short: unrealized = (mark − entry) × signed size; the liquidation price lies above entry', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['100.0', '0.5'], ['90.0', '5']], [['130.0', '5']]);
    v.setMarginMode(a, PERP, 'isolated');
    v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '0.5' });
    v.setPrices(PERP, { mark: '104.0' });
    let p = v.positions(a, PERP)[0]!;
    expectDec(p.unrealizedPnl, '-2');
    // Isolated short 0.5 @ 100, margin 5: 5 + (100 − P) × 0.5 = 0.005 × P × 0.5 → P = 109.452736…, on the tick below: 109.4.
    expectDec(p.liquidationPrice, '109.4');
    v.setPrices(PERP, { mark: '97.0' });
    p = v.positions(a, PERP)[0]!;
    expectDec(p.unrealizedPnl, '1.5');
  });

  it('contract size ≠ 1: sizes stay in base units, exact both ways', () => {
    const v = testVenue();
    const inst = v.addInstrument({
      nativeId: 'BTCPERP', type: 'swap', base: 'BTC', quote: 'USDT', tickSize: '0.5', stepSize: '0.001', minSize: '0.001',
      contractSize: '0.001', makerFee: '0.0002', takerFee: '0.0006', initialPrice: '65000.0',
    });
    expectDec(inst.fromContracts(inst.toContracts(inst.stepSize.times(3))), '0.003');
    seed(v, inst.symbol, [['64000.0', '1']], [['65000.0', '1']]);
    const o = v.placeOrder(v.defaultAccountId, { symbol: inst.symbol, side: 'buy', type: 'market', size: inst.fromContracts(inst.toContracts(inst.stepSize.times(3))) });
    expectDec(o.filled, '0.003');
    expectDec(o.fee, '0.117'); // 195 × 0.0006
    expectDec(v.positions(v.defaultAccountId, inst.symbol)[0]!.size, '0.003');
    expectDec(inst.toContracts(o.filled), '3');
  });
});
