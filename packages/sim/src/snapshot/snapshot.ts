import type { Timeframe } from '@exkit/core';
import { Account } from '../accounts/account.js';
import type { Ctx } from '../context.js';
import { reject } from '../errors.js';
import type { SimFault } from '../faults/types.js';
import { SimInstrument } from '../instruments/instrument.js';
import type { CandleState } from '../market-data/candles.js';
import { Market } from '../market-data/market.js';
import type { BookSide } from '../matching/book.js';
import { isLive, type OrderRecord } from '../matching/order-record.js';
import { Decimal } from '../util/decimal.js';
import { Prng } from '../util/prng.js';
import { SNAPSHOT_VERSION, snapshotSchema, type CandleJSON, type SimSnapshot } from './schema.js';

const dec = (d: Decimal): string => d.toFixed();
const opt = <T, U>(v: T | undefined, f: (v: T) => U): U | undefined => (v === undefined ? undefined : f(v));

function candleJSON(c: CandleState): CandleJSON {
  return { openTime: c.openTime, open: dec(c.open), high: dec(c.high), low: dec(c.low), close: dec(c.close), volume: dec(c.volume), turnover: dec(c.turnover), trades: c.trades };
}

function sideJSON(side: BookSide): SimSnapshot['markets'][number]['bids'] {
  return side.levels.map((level) => ({
    ticks: level.ticks.toString(),
    ...(level.label === undefined ? {} : { label: level.label }),
    ...(level.sizeLabel === undefined ? {} : { sizeLabel: level.sizeLabel }),
    entries: [...level.live()].map((e) => ({ ...(e.order === undefined ? {} : { order: e.order.id }), lots: e.lots.toString() })),
  }));
}

function orderJSON(o: OrderRecord): SimSnapshot['accounts'][number]['orders'][number] {
  return {
    id: o.id,
    symbol: o.instrument.symbol,
    ...(o.clientOrderId === undefined ? {} : { clientOrderId: o.clientOrderId }),
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    status: o.status,
    ...(o.price === undefined ? {} : { price: dec(o.price) }),
    sizeLots: o.sizeLots.toString(),
    filledLots: o.filledLots.toString(),
    cost: dec(o.cost),
    fee: dec(o.fee),
    feeCurrency: o.feeCurrency,
    realizedPnl: dec(o.realizedPnl),
    reduceOnly: o.reduceOnly,
    ...(o.trigger === undefined
      ? {}
      : {
          trigger: {
            price: dec(o.trigger.price),
            reference: o.trigger.reference,
            direction: o.trigger.direction,
            ...(o.trigger.triggeredAt === undefined ? {} : { triggeredAt: o.trigger.triggeredAt }),
          },
        }),
    reserved: dec(o.reserved),
    reserveCoin: o.reserveCoin,
    ...(o.cancelReason === undefined ? {} : { cancelReason: o.cancelReason }),
    ...(o.rejectReason === undefined ? {} : { rejectReason: o.rejectReason }),
    origin: o.origin,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The whole venue as versioned JSON. Decimals and bigints are strings; nothing goes through a float. */
export function serialize(ctx: Ctx, defaultAccountId: string): SimSnapshot {
  const o = ctx.options;
  return {
    format: 'exkit-sim',
    version: SNAPSHOT_VERSION,
    savedAt: ctx.clock.now(),
    seed: o.seed,
    options: {
      rate: o.rate,
      postOnlyCross: o.postOnlyCross,
      maxLiveOrdersPerMarket: o.maxLiveOrdersPerMarket,
      historyLimit: o.historyLimit,
      tapeLimit: o.tapeLimit,
      candleHistoryLimit: o.candleHistoryLimit,
      syntheticHistory: o.syntheticHistory,
      orderLogLimit: o.orderLogLimit,
      defaultMarginMode: o.defaultMarginMode,
      wallet: { ...o.wallet },
    },
    frozen: ctx.frozen,
    funding: ctx.funding,
    ids: { ...ctx.ids },
    keyRng: [...ctx.keyRng.state()] as [number, number, number, number],
    faultRng: [...ctx.faults.rng.state()] as [number, number, number, number],
    defaultAccountId,
    markets: [...ctx.markets.values()].map((m) => {
      const current: Partial<Record<Timeframe, CandleJSON>> = {};
      const closed: Partial<Record<Timeframe, Array<CandleJSON>>> = {};
      for (const [tf, c] of m.candles.current) current[tf] = candleJSON(c);
      for (const tf of m.candles.closed.keys()) closed[tf] = m.candles.history(tf).map(candleJSON);
      return {
        definition: m.instrument.definition,
        status: m.instrument.status,
        rng: [...m.rng.state()] as [number, number, number, number],
        fair: m.fair.toString(),
        last: dec(m.last),
        mark: dec(m.mark),
        index: dec(m.index),
        fundingRate: dec(m.fundingRate),
        nextFundingTime: m.nextFundingTime,
        oiBase: dec(m.oiBase),
        startTime: m.startTime,
        startPrice: dec(m.startPrice),
        bookSeq: m.book.seq,
        seqs: { trade: m.seqs.trade, ticker: m.seqs.ticker, market: m.seqs.market, funding: m.seqs.funding, candle: { ...m.seqs.candle } },
        bids: sideJSON(m.book.bids),
        asks: sideJSON(m.book.asks),
        candles: { current, closed },
        tape: m.tape.all().map((t) => ({ id: t.id, seq: t.seq, price: dec(t.price), size: dec(t.size), side: t.side, timestamp: t.timestamp })),
        conditional: m.conditional.map((c) => c.id),
        ...(m.replay === undefined
          ? {}
          : { replay: { timeframe: m.replay.timeframe, candles: [...m.replay.candles], loop: m.replay.loop, shift: m.replay.shift, index: m.replay.index, step: m.replay.step } }),
        fundingHistory: m.fundingHistory.map((f) => ({ rate: dec(f.rate), markPrice: dec(f.markPrice), timestamp: f.timestamp })),
      };
    }),
    accounts: [...ctx.accounts.values()].map((a) => ({
      id: a.id,
      createdAt: a.createdAt,
      seq: a.seq,
      settings: [...a.settings].map(([symbol, s]) => ({ symbol, leverage: dec(s.leverage), marginMode: s.marginMode })),
      positions: [...a.positions].map(([symbol, p]) => ({
        symbol,
        lots: p.lots.toString(),
        entry: dec(p.entry),
        realized: dec(p.realized),
        cumRealized: dec(p.cumRealized),
        fees: dec(p.fees),
        funding: dec(p.funding),
        margin: dec(p.margin),
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      })),
      orders: a.orders.map(orderJSON),
      fills: a.fills.map((f) => ({
        id: f.id,
        orderId: f.orderId,
        ...(f.clientOrderId === undefined ? {} : { clientOrderId: f.clientOrderId }),
        symbol: f.symbol,
        tradeId: f.tradeId,
        side: f.side,
        price: dec(f.price),
        size: dec(f.size),
        cost: dec(f.cost),
        fee: dec(f.fee),
        feeCurrency: f.feeCurrency,
        feeRate: dec(f.feeRate),
        liquidity: f.liquidity,
        realizedPnl: dec(f.realizedPnl),
        closedSize: dec(f.closedSize),
        orderType: f.orderType,
        timestamp: f.timestamp,
      })),
      fundings: a.fundings.map((f) => ({ symbol: f.symbol, rate: dec(f.rate), markPrice: dec(f.markPrice), size: dec(f.size), amount: dec(f.amount), coin: f.coin, timestamp: f.timestamp })),
    })),
    keys: [...ctx.keys.values()].map((k) => ({ ...k, permissions: [...k.permissions] })),
    ledger: ctx.ledger.toJSON(),
    orderLog: ctx.orderLog.map(({ orderIds, request, ...e }) => ({
      ...e,
      request: Object.fromEntries(Object.entries(request).filter((kv): kv is [string, string | boolean] => kv[1] !== undefined)),
      ...(orderIds === undefined ? {} : { orderIds: [...orderIds] }),
    })),
    faults: ctx.faults.toJSON().map((a) => ({ ...a, fault: { ...a.fault } })),
  };
}

/** Validates a snapshot (zod) and checks its version; throws a SimRejection INVALID_PARAMETER with the offending paths. */
export function parseSnapshot(json: unknown): SimSnapshot {
  const r = snapshotSchema.safeParse(json);
  if (!r.success) {
    const v = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
    if (v !== undefined && v !== SNAPSHOT_VERSION) reject('INVALID_PARAMETER', `unsupported snapshot version ${String(v)} (this venue reads ${SNAPSHOT_VERSION})`);
    reject('INVALID_PARAMETER', `invalid snapshot: ${r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

const candleOf = (c: CandleJSON): CandleState => ({
  openTime: c.openTime,
  open: new Decimal(c.open),
  high: new Decimal(c.high),
  low: new Decimal(c.low),
  close: new Decimal(c.close),
  volume: new Decimal(c.volume),
  turnover: new Decimal(c.turnover),
  trades: c.trades,
});

/** Fills an empty venue state (markets, accounts, ledger none yet) from a parsed snapshot. */
export function hydrate(ctx: Ctx, snap: SimSnapshot): void {
  ctx.frozen = snap.frozen;
  ctx.funding = snap.funding;
  Object.assign(ctx.ids, snap.ids);
  const instruments = new Map<string, SimInstrument>();
  const markets: Market[] = [];
  for (const ms of snap.markets) {
    const inst = new SimInstrument(ms.definition);
    inst.status = ms.status;
    instruments.set(inst.symbol, inst);
    const m = new Market(inst, Prng.restore(ms.rng), ms.startTime, ctx.options, { time: ms.startTime, price: new Decimal(ms.startPrice) });
    m.fair = BigInt(ms.fair);
    m.last = new Decimal(ms.last);
    m.mark = new Decimal(ms.mark);
    m.index = new Decimal(ms.index);
    m.fundingRate = new Decimal(ms.fundingRate);
    m.nextFundingTime = ms.nextFundingTime;
    m.oiBase = new Decimal(ms.oiBase);
    m.book.seq = ms.bookSeq;
    Object.assign(m.seqs, { ...ms.seqs, candle: { ...ms.seqs.candle } });
    for (const [tf, c] of Object.entries(ms.candles.current) as Array<[Timeframe, CandleJSON]>) m.candles.current.set(tf, candleOf(c));
    for (const [tf, cs] of Object.entries(ms.candles.closed) as Array<[Timeframe, Array<CandleJSON>]>) m.candles.closed.set(tf, cs.map(candleOf));
    m.tape.replace(ms.tape.map((t) => ({ ...t, symbol: inst.symbol, price: new Decimal(t.price), size: new Decimal(t.size) })));
    if (ms.replay !== undefined) m.replay = { ...ms.replay, candles: [...ms.replay.candles] };
    m.fundingHistory = ms.fundingHistory.map((f) => ({ rate: new Decimal(f.rate), markPrice: new Decimal(f.markPrice), timestamp: f.timestamp }));
    ctx.markets.set(inst.symbol, m);
    markets.push(m);
  }
  for (const as of snap.accounts) {
    const a = new Account(as.id, as.createdAt);
    a.seq = as.seq;
    for (const s of as.settings) a.settings.set(s.symbol, { leverage: new Decimal(s.leverage), marginMode: s.marginMode });
    for (const p of as.positions) {
      const inst = instruments.get(p.symbol) ?? reject('INVALID_PARAMETER', `snapshot position on unknown market ${p.symbol}`);
      const pos = { lots: BigInt(p.lots), entry: new Decimal(p.entry), realized: new Decimal(p.realized), cumRealized: new Decimal(p.cumRealized), fees: new Decimal(p.fees), funding: new Decimal(p.funding), margin: new Decimal(0), createdAt: p.createdAt, updatedAt: p.updatedAt };
      a.positions.set(p.symbol, pos);
      a.setPositionMargin(pos, inst.marginCoin, new Decimal(p.margin));
      if (pos.lots !== 0n) ctx.markets.get(p.symbol)!.holders.add(a.id);
    }
    for (const os of as.orders) {
      const inst = instruments.get(os.symbol) ?? reject('INVALID_PARAMETER', `snapshot order on unknown market ${os.symbol}`);
      const price = opt(os.price, (p) => new Decimal(p));
      const order: OrderRecord = {
        id: os.id,
        accountId: a.id,
        instrument: inst,
        clientOrderId: os.clientOrderId,
        side: os.side,
        type: os.type,
        timeInForce: os.timeInForce,
        status: os.status,
        priceTicks: price === undefined ? undefined : inst.priceToTicks(price),
        price,
        sizeLots: BigInt(os.sizeLots),
        filledLots: BigInt(os.filledLots),
        cost: new Decimal(os.cost),
        fee: new Decimal(os.fee),
        feeCurrency: os.feeCurrency,
        realizedPnl: new Decimal(os.realizedPnl),
        reduceOnly: os.reduceOnly,
        trigger: opt(os.trigger, (t) => ({ price: new Decimal(t.price), ticks: inst.priceToTicks(new Decimal(t.price))!, reference: t.reference, direction: t.direction, triggeredAt: t.triggeredAt })),
        reserved: new Decimal(0),
        reserveCoin: os.reserveCoin,
        cancelReason: os.cancelReason,
        rejectReason: os.rejectReason,
        origin: os.origin,
        createdAt: os.createdAt,
        updatedAt: os.updatedAt,
        entry: undefined,
      };
      a.orders.push(order);
      ctx.orders.set(order.id, order);
      if (isLive(order)) {
        a.addLive(order);
        a.setReserve(order, new Decimal(os.reserved));
      }
    }
    a.fills = as.fills.map((f) => ({
      ...f,
      accountId: a.id,
      nativeId: instruments.get(f.symbol)?.nativeId ?? f.symbol,
      price: new Decimal(f.price),
      size: new Decimal(f.size),
      cost: new Decimal(f.cost),
      fee: new Decimal(f.fee),
      feeRate: new Decimal(f.feeRate),
      realizedPnl: new Decimal(f.realizedPnl),
      closedSize: new Decimal(f.closedSize),
    }));
    a.fundings = as.fundings.map((f) => ({ ...f, accountId: a.id, rate: new Decimal(f.rate), markPrice: new Decimal(f.markPrice), size: new Decimal(f.size), amount: new Decimal(f.amount) }));
    ctx.accounts.set(a.id, a);
  }
  for (const [i, ms] of snap.markets.entries()) {
    const m = markets[i]!;
    const restoreSide = (side: BookSide, levels: SimSnapshot['markets'][number]['bids']): void => {
      for (const ls of levels) {
        const ticks = BigInt(ls.ticks);
        const level = side.getOrCreate(ticks, () => m.instrument.price(ticks));
        level.label = ls.label;
        level.sizeLabel = ls.sizeLabel;
        for (const e of ls.entries) {
          const order = e.order === undefined ? undefined : (ctx.orders.get(e.order) ?? reject('INVALID_PARAMETER', `snapshot book entry for unknown order ${e.order}`));
          const entry = level.push(order, BigInt(e.lots));
          if (order !== undefined) order.entry = entry;
        }
      }
    };
    restoreSide(m.book.bids, ms.bids);
    restoreSide(m.book.asks, ms.asks);
    m.conditional = ms.conditional.map((id) => ctx.orders.get(id) ?? reject('INVALID_PARAMETER', `snapshot conditional order ${id} unknown`));
  }
  for (const k of snap.keys) ctx.keys.set(k.apiKey, { ...k, permissions: [...k.permissions] });
  ctx.ledger.load(snap.ledger);
  ctx.orderLog = snap.orderLog.map((e) => ({ ...e }));
  ctx.faults.restore(snap.faults.map((a) => ({ ...a, fault: a.fault as unknown as SimFault })));
}
