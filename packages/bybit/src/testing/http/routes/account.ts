/** GET /v5/account/wallet-balance (reference §5; fixture `wallet-balance.json`): one UNIFIED account, totals in USD. */
import { ONE, ZERO, type Decimal } from '@exkit/core';
import type { SimBalance, SimVenue } from '@exkit/sim';
import { RET } from '../../codes.js';
import { fail } from '../envelope.js';
import type { Route } from '../types.js';

function usdPrice(venue: SimVenue, coin: string): Decimal {
  if (coin === 'USDT' || coin === 'USDC' || coin === 'USD') return ONE;
  const spot = venue.findInstrument(`${coin}USDT`, 'spot');
  return spot === undefined ? ZERO : venue.ticker(spot.symbol).last;
}

const f = (d: Decimal): string => d.toFixed();

/** One account as the REST list item and the `wallet` topic print it. */
export function walletAccount(venue: SimVenue, accountId: string, coins?: readonly string[]): Record<string, unknown> {
  const all = venue.balances(accountId);
  const shown = coins === undefined ? all.filter((b) => !b.total.isZero() || !b.used.isZero()) : all.filter((b) => coins.includes(b.coin));
  const mm = new Map<string, Decimal>();
  for (const p of venue.positions(accountId)) {
    const coin = venue.instrument(p.symbol).marginCoin;
    mm.set(coin, (mm.get(coin) ?? ZERO).plus(p.maintenanceMargin));
  }
  let wallet = ZERO;
  let upl = ZERO;
  let im = ZERO;
  let mmTotal = ZERO;
  let available = ZERO;
  const coinRows = shown.map((b: SimBalance) => {
    const usd = usdPrice(venue, b.coin);
    const equity = b.total.plus(b.unrealizedPnl);
    wallet = wallet.plus(b.total.times(usd));
    upl = upl.plus(b.unrealizedPnl.times(usd));
    im = im.plus(b.orderMargin.plus(b.positionMargin).times(usd));
    mmTotal = mmTotal.plus((mm.get(b.coin) ?? ZERO).times(usd));
    available = available.plus(b.free.times(usd));
    return {
      coin: b.coin,
      equity: f(equity),
      usdValue: f(equity.times(usd)),
      walletBalance: f(b.total),
      locked: '0',
      spotHedgingQty: '0',
      borrowAmount: '0',
      accruedInterest: '0',
      totalOrderIM: f(b.orderMargin),
      totalPositionIM: f(b.positionMargin),
      totalPositionMM: f(mm.get(b.coin) ?? ZERO),
      unrealisedPnl: f(b.unrealizedPnl),
      cumRealisedPnl: '0',
      bonus: '0',
      marginCollateral: true,
      collateralSwitch: true,
      spotBorrow: '0',
      free: '',
      availableToWithdraw: '',
      availableToBorrow: '',
    };
  });
  const margin = wallet.plus(upl);
  const rate = (x: Decimal): string => (margin.isZero() ? '0' : x.div(margin).toDecimalPlaces(4).toFixed());
  return {
    accountType: 'UNIFIED',
    accountIMRate: rate(im),
    accountMMRate: rate(mmTotal),
    accountIMRateByMp: rate(im),
    accountMMRateByMp: rate(mmTotal),
    totalEquity: f(margin),
    totalWalletBalance: f(wallet),
    totalMarginBalance: f(margin),
    totalAvailableBalance: f(available),
    totalPerpUPL: f(upl),
    totalInitialMargin: f(im),
    totalMaintenanceMargin: f(mmTotal),
    totalInitialMarginByMp: f(im),
    totalMaintenanceMarginByMp: f(mmTotal),
    accountLTV: '0',
    coin: coinRows,
  };
}

export const accountRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v5/account/wallet-balance',
    auth: 'read',
    operation: 'fetchBalances',
    handle: ({ venue, params, accountId }) => {
      const type = params.need('accountType');
      if (type !== 'UNIFIED') fail(RET.PARAM, 'accountType only support UNIFIED.');
      const coin = params.str('coin');
      return { list: [walletAccount(venue, accountId, coin?.split(','))] };
    },
  },
];
