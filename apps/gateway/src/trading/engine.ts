// The trading engine of gateway-api.md § Trading engine: commands, strategies on live candles, risk
// before every order, the daily loss breaker, the journal, restore after a restart, and the leader
// lease (only the lease holder trades; other instances forward commands over the bus).
import { Decimal, isTerminalStatus, systemClock, systemTimers, ZERO, type Candle, type Clock, type Timers } from '@exkit/core';
import type {
  AlertSink,
  CommandRequest,
  CommandResult,
  EngineAlert,
  EngineCommand,
  EngineState,
  EngineStatusSnapshot,
  EngineStore,
  RiskSettings,
  StrategyRecord,
  TradingEngineApi,
} from '../contracts/engine.js';
import type { BusMessage, EventBus } from '../contracts/events.js';
import type { Venue, VenueRegistry } from '../contracts/venues.js';
import { busMessage } from '../events/message.js';
import { engineClientOrderId, isEngineOrder, type OrderPurpose } from './client-order-id.js';
import { commandMessageSchema, nextState } from './commands.js';
import { createLocalLease, type LeaderLease } from './lease.js';
import { errorDetail, OrderExecutor } from './order-executor.js';
import { Portfolio, positionData } from './portfolio.js';
import { checkOrder, DEFAULT_RISK, dailyLossBreached, riskLimits, stopLossHit, type RiskContext, type RiskLimits } from './risk.js';
import { crossover, maCrossoverParamsSchema, type MaCrossoverParams } from './strategies/ma-crossover.js';
import { StrategyRunner } from './strategy-runner.js';

export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface TradingEngineOptions {
  readonly store: EngineStore;
  readonly venues: VenueRegistry;
  readonly bus: EventBus;
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Default: a local lease (this instance always leads). Several instances: `createRedisLease`. */
  readonly lease?: LeaderLease;
  /** Default: seed 003's /config values. */
  readonly risk?: RiskSettings;
  /** Persists an alert (the API side's alert store); see `EngineAlert`. */
  readonly onAlert?: AlertSink;
  /** The currency the portfolio is valued in (default USDT). */
  readonly quoteCurrency?: string;
  /** Periodic risk check (daily loss, stop losses, resting orders) while running; 0 = only on candles (default 10 s). */
  readonly riskCheckIntervalMs?: number;
  readonly logger?: EngineLogger;
}

export interface TradingEngine extends TradingEngineApi {
  readonly leader: boolean;
  /** Runs the risk evaluation now (what the periodic check and every candle do). */
  checkRisk(): Promise<void>;
  /** Resolves when queued engine work (commands, candles) is done. */
  idle(): Promise<void>;
}

const silent: EngineLogger = { info: () => undefined, warn: () => undefined };
/** Store key of a UTC day's opening portfolio value (also read by the manual order risk check). */
export const STATE_KEY_DAY = (day: string): string => `day_start_value:${day}`;

class Engine implements TradingEngine {
  readonly #o: TradingEngineOptions;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #lease: LeaderLease;
  readonly #log: EngineLogger;
  readonly #portfolio: Portfolio;
  readonly #orders: OrderExecutor;
  readonly #runners = new Map<string, StrategyRunner>();
  readonly #params = new Map<string, MaCrossoverParams>();
  #limits: RiskLimits;
  #state: EngineState = 'stopped';
  #dayStart: { day: string; value: Decimal } | undefined;
  #work: Promise<unknown> = Promise.resolve();
  #tick: unknown;
  #closed = false;
  #unsubscribe: () => void = () => undefined;
  #unlease: () => void = () => undefined;

  constructor(options: TradingEngineOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
    this.#lease = options.lease ?? createLocalLease();
    this.#log = options.logger ?? silent;
    this.#limits = riskLimits(options.risk ?? DEFAULT_RISK);
    this.#portfolio = new Portfolio(options.bus, this.#clock, options.quoteCurrency ?? 'USDT');
    this.#orders = new OrderExecutor(options.store, options.bus, this.#clock);
  }

  get leader(): boolean {
    return this.#lease.isLeader;
  }

  async init(): Promise<void> {
    const stored = await this.#o.store.getEngineState();
    this.#state = stored?.state ?? 'stopped';
    this.#unsubscribe = this.#o.bus.subscribe((m) => this.#onBus(m));
    this.#unlease = this.#lease.onChange((leader) => {
      void this.#exclusive(() => (leader ? this.#takeOver() : this.#stepDown()));
    });
    await this.#lease.start();
    await this.idle();
  }

  state(): EngineState {
    return this.#state;
  }

  setRisk(settings: RiskSettings): void {
    this.#limits = riskLimits(settings);
  }

  idle(): Promise<void> {
    return this.#work.then(() => undefined);
  }

  async status(): Promise<EngineStatusSnapshot> {
    if (!this.leader) {
      const stored = await this.#o.store.getEngineState();
      if (stored !== null) this.#state = stored.state;
    }
    let snap = this.#portfolio.snapshot;
    if (snap === undefined || this.#clock.now() - snap.at > 2_000) {
      try {
        snap = await this.#portfolio.refresh(this.#venuesInUse(), false);
        await this.#rollDay(snap.value);
      } catch (error) {
        this.#log.warn({ err: errorDetail(error) }, 'portfolio refresh failed');
      }
    }
    const value = snap?.value ?? ZERO;
    return {
      active: this.#state === 'running',
      mode: this.#state,
      portfolioValue: value.toFixed(),
      dailyPnl: this.#dayStart === undefined ? '0' : value.minus(this.#dayStart.value).toFixed(),
      openPositions: snap?.positions.length ?? 0,
      totalTrades: this.#orders.totalTrades,
      lastTradeTime: this.#orders.lastTradeTime,
      positions: (snap?.positions ?? []).map(positionData),
      leader: this.leader,
    };
  }

  command(request: CommandRequest): Promise<CommandResult> {
    if (!this.leader) return this.#forward(request);
    return this.#exclusive(() => this.#run(request));
  }

  reloadStrategies(): Promise<void> {
    if (!this.leader) {
      this.#o.bus.publish(busMessage('engine_reload', 'engine_reload', {}, { at: this.#clock.now() }));
      return Promise.resolve();
    }
    return this.#exclusive(async () => {
      if (!this.leader || this.#state === 'stopped') return;
      await this.#stopRunners();
      await this.#startRunners();
    });
  }

  checkRisk(): Promise<void> {
    return this.#exclusive(() => this.#evaluate());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    await this.#exclusive(async () => {
      this.#stopTick();
      await this.#stopRunners();
    });
    this.#unlease();
    await this.#lease.close();
  }

  // ---- commands -----------------------------------------------------------------------------

  async #run(request: CommandRequest): Promise<CommandResult> {
    const previous = this.#state;
    const { state, change } = nextState(previous, request.command);
    let message = change ? `${request.command}: ${previous} → ${state}` : `engine already ${previous}`;
    if (request.command === 'stop' || request.command === 'restart') {
      await this.#halt(request.parameters['close_positions'] === true, `command ${request.command}`);
    }
    if (change || request.command === 'restart') {
      this.#state = state;
      await this.#o.store.setEngineState(state);
      if (state === 'stopped') this.#stopTick();
      else if (!this.#runnersStarted) {
        await this.#startRunners();
        this.#startTick();
      }
      if (request.command === 'restart') message = `restarted: ${previous} → ${state}`;
      this.#announceState(request.command, previous, request.reason);
    }
    await this.#o.store.logCommand({ ...request, at: new Date(this.#clock.now()).toISOString(), result: message });
    return { command: request.command, previousState: previous, state: this.#state, message };
  }

  get #stopped(): boolean {
    return this.#state === 'stopped';
  }

  get #runnersStarted(): boolean {
    return this.#runners.size > 0;
  }

  /** Not the leader: the lease holder gets the command over the bus (shared by every instance with Redis). */
  async #forward(request: CommandRequest): Promise<CommandResult> {
    const stored = await this.#o.store.getEngineState();
    const previous = stored?.state ?? this.#state;
    const { state } = nextState(previous, request.command);
    this.#o.bus.publish(busMessage('engine_command', 'engine_command', { command: request.command, parameters: request.parameters, reason: request.reason ?? null, issued_by: request.issuedBy }, { at: this.#clock.now() }));
    return { command: request.command, previousState: previous, state, message: `forwarded to the engine leader (this instance does not hold the lease)` };
  }

  #onBus(m: BusMessage): void {
    if (!this.leader || this.#closed) return;
    if (m.topic === 'engine_reload') {
      void this.reloadStrategies();
      return;
    }
    if (m.topic !== 'engine_command') return;
    const parsed = commandMessageSchema.safeParse(m.data);
    if (!parsed.success) {
      this.#log.warn({ issues: parsed.error.issues.length }, 'ignored a malformed engine_command');
      return;
    }
    const d = parsed.data;
    void this.#exclusive(() => this.#run({ command: d.command, parameters: d.parameters, issuedBy: d.issued_by, ...(d.reason !== null && { reason: d.reason }) }));
  }

  /** Stops the strategies and cancels the engine's resting orders; optionally flattens positions. */
  async #halt(closePositions: boolean, why: string): Promise<void> {
    await this.#stopRunners();
    this.#stopTick();
    await this.#cancelEngineOrders();
    if (closePositions) await this.#closePositions(why);
  }

  async #cancelEngineOrders(): Promise<void> {
    const symbols = new Map<string, { venue: Venue; symbol: string }>();
    const add = (venueId: string, symbol: string): void => {
      const venue = this.#venue(venueId);
      if (venue !== undefined) symbols.set(`${venueId}|${symbol}`, { venue, symbol });
    };
    for (const s of await this.#strategies(false)) add(s.venue, s.symbol);
    for (const o of this.#orders.open.values()) add(o.venue, o.symbol);
    for (const { venue, symbol } of symbols.values()) {
      try {
        for (const o of await venue.client.fetchOpenOrders(symbol)) {
          if (!isEngineOrder(o.clientOrderId)) continue; // orders placed by hand stay
          const canceled = await venue.client.cancelOrder({ symbol, id: o.id });
          await this.#orders.record(venue.id, this.#orders.open.get(o.clientOrderId ?? '')?.strategyId ?? null, canceled, 'engine_stop');
        }
      } catch (error) {
        this.#log.warn({ venue: venue.id, symbol, err: errorDetail(error) }, 'cancelling engine orders failed');
      }
    }
  }

  async #closePositions(why: string): Promise<void> {
    const snap = await this.#portfolio.refresh(this.#venuesInUse(), true);
    const at = this.#clock.now();
    for (const line of snap.positions) {
      const venue = this.#o.venues.get(line.venue);
      const p = line.position;
      await this.#orders.place({
        venue,
        strategyId: null,
        clientOrderId: engineClientOrderId(`${line.venue}|${p.symbol}`, at, 'cls'),
        symbol: p.symbol,
        side: p.size.gt(0) ? 'sell' : 'buy',
        amount: p.size.abs(),
        type: 'market',
        reduceOnly: true,
        reason: `close_positions (${why})`,
      });
    }
    await this.#portfolio.refresh(this.#venuesInUse(), true);
  }

  #announceState(command: EngineCommand | 'risk_stop', previous: EngineState, reason?: string): void {
    const data = { event: 'engine_state', command, previous_state: previous, state: this.#state, trading_active: this.#state === 'running', ...(reason !== undefined && { reason }) };
    this.#o.bus.publish(busMessage('trading_updates', 'trading_update', data, { at: this.#clock.now() }));
    this.#o.bus.publish(busMessage('system_status', 'system_status', { trading_active: this.#state === 'running', engine_state: this.#state, open_positions: this.#portfolio.snapshot?.positions.length ?? 0 }, { at: this.#clock.now() }));
  }

  // ---- leadership and restore --------------------------------------------------------------

  /** Became leader (start, or another instance lost the lease): restore the stored state. */
  async #takeOver(): Promise<void> {
    const stored = await this.#o.store.getEngineState();
    this.#state = stored?.state ?? 'stopped';
    await this.#orders.load().then((unknown) => this.#reconcile(unknown));
    await this.#portfolio.refresh(this.#venuesInUse(), false).then((s) => this.#rollDay(s.value)).catch((e: unknown) => this.#log.warn({ err: errorDetail(e) }, 'portfolio read failed'));
    if (this.#state !== 'stopped') {
      await this.#startRunners();
      this.#startTick();
    }
    this.#log.info({ state: this.#state, open_orders: this.#orders.open.size }, 'engine leader: state restored');
  }

  async #stepDown(): Promise<void> {
    this.#stopTick();
    await this.#stopRunners();
  }

  /** Journal lines without a final outcome and engine orders resting on the venues: ask the venue. */
  async #reconcile(unknown: Map<string, { venue: string; strategyId: string | null; symbol: string }>): Promise<void> {
    for (const [clientOrderId, e] of unknown) {
      try {
        const venue = this.#o.venues.get(e.venue);
        const order = await venue.client.fetchOrder({ symbol: e.symbol, clientOrderId });
        await this.#orders.record(venue.id, e.strategyId, order, 'reconciled');
      } catch (error) {
        await this.#orders.journal({ venue: e.venue, strategyId: e.strategyId, clientOrderId, symbol: e.symbol, side: 'buy', amount: ZERO }, 'unknown', undefined, { ...errorDetail(error), reason: 'reconciled' }).catch(() => undefined);
        this.#log.warn({ client_order_id: clientOrderId, err: errorDetail(error) }, 'order outcome unknown after restart');
      }
    }
    for (const s of await this.#strategies(false)) {
      try {
        const venue = this.#o.venues.get(s.venue);
        for (const o of await venue.client.fetchOpenOrders(s.symbol)) {
          if (isEngineOrder(o.clientOrderId) && !this.#orders.open.has(o.clientOrderId!)) {
            this.#orders.open.set(o.clientOrderId!, { venue: venue.id, strategyId: s.id, symbol: o.symbol, id: o.id, clientOrderId: o.clientOrderId! });
          }
        }
      } catch (error) {
        this.#log.warn({ strategy: s.id, err: errorDetail(error) }, 'reading open orders failed');
      }
    }
  }

  // ---- strategies ---------------------------------------------------------------------------

  async #strategies(enabledOnly: boolean): Promise<StrategyRecord[]> {
    return (await this.#o.store.listStrategies()).filter((s) => !enabledOnly || s.enabled);
  }

  async #startRunners(): Promise<void> {
    for (const s of await this.#strategies(true)) {
      const params = maCrossoverParamsSchema.safeParse(s.params);
      if (s.type !== 'ma_crossover' || !params.success) {
        this.#log.warn({ strategy: s.id }, 'strategy skipped: invalid parameters');
        continue;
      }
      let venue: Venue;
      try {
        venue = this.#o.venues.get(s.venue);
      } catch {
        this.#log.warn({ strategy: s.id, venue: s.venue }, 'strategy skipped: unknown venue');
        continue;
      }
      this.#params.set(s.id, params.data);
      const runner: StrategyRunner = new StrategyRunner(s, venue, params.data.slow_ma + 1, {
        onCandle: (candle, closes): Promise<void> => this.#exclusive(() => this.#onCandle(runner, candle, closes)),
        onError: (e) => this.#log.warn({ strategy: s.id, err: errorDetail(e) }, 'strategy step failed'),
      });
      this.#runners.set(s.id, runner);
      try {
        await runner.start();
      } catch (error) {
        this.#log.warn({ strategy: s.id, err: errorDetail(error) }, 'strategy could not start');
      }
    }
  }

  async #stopRunners(): Promise<void> {
    const runners = [...this.#runners.values()];
    this.#runners.clear();
    // Not awaiting queued candle work here: it waits on #exclusive, which we are inside of.
    await Promise.all(runners.map((r) => r.stop().catch(() => undefined)));
  }

  async #onCandle(runner: StrategyRunner, candle: Candle, closes: readonly Decimal[]): Promise<void> {
    if (!this.leader || this.#state === 'stopped' || this.#runners.get(runner.strategy.id) !== runner) return;
    await this.#evaluate();
    if (this.#stopped) return; // the breaker may have fired
    const s = runner.strategy;
    const params = this.#params.get(s.id)!;
    const signal = crossover(closes, params.fast_ma, params.slow_ma);
    if (signal === null) return;
    const venue = runner.venue;
    // A resting entry of this strategy: the same direction is already on its way; the other one replaces it.
    const wantSide = signal === 'bullish' ? 'buy' : 'sell';
    for (const o of [...this.#orders.open.values()].filter((x) => x.strategyId === s.id)) {
      const order = await venue.client.fetchOrder({ symbol: o.symbol, id: o.id });
      if (isTerminalStatus(order.status)) {
        await this.#orders.record(venue.id, s.id, order, 'followed');
        continue;
      }
      if (order.side === wantSide) return;
      await this.#orders.record(venue.id, s.id, await venue.client.cancelOrder({ symbol: o.symbol, id: o.id }), 'replaced by a new signal');
    }
    await this.#portfolio.refresh(this.#venuesInUse(), true);
    const market = venue.client.markets.resolve(s.symbol);
    const size = venue.client.markets.roundAmount(s.symbol, params.size);
    const current = this.#portfolio.size(venue.id, market.symbol);
    const target = signal === 'bullish' ? size : params.allow_short ? size.neg() : ZERO;
    const delta = target.minus(current);
    if (delta.isZero()) return;
    // The part of the order that moves the position toward flat, and the part that adds exposure.
    const reducing = current.isZero() || delta.s === current.s ? ZERO : Decimal.min(delta.abs(), current.abs());
    let adding = delta.abs().minus(reducing);
    const cid = engineClientOrderId(s.id, candle.openTime, 'sig');
    if (adding.gt(0) && this.#state === 'paused') adding = ZERO; // paused: exits only
    if (adding.gt(0)) {
      const verdict = checkOrder(this.#limits, this.#riskContext(), { symbol: market.symbol, targetSize: target, price: candle.close });
      if (!verdict.ok) {
        const side = delta.gt(0) ? 'buy' : 'sell';
        if (!this.#orders.journaled.has(cid)) {
          await this.#orders.journal({ venue: venue.id, strategyId: s.id, clientOrderId: cid, symbol: market.symbol, side, amount: delta.abs() }, 'rejected_risk', candle.close, { rule: verdict.rule, message: verdict.message, reason: 'signal' });
          this.#orders.announceRejection({ exchange: venue.id, symbol: market.symbol, side, size: delta.abs().toFixed(), rule: verdict.rule, message: verdict.message, strategy_id: s.id });
        }
        adding = ZERO;
      }
    }
    const amount = reducing.plus(adding);
    if (amount.isZero() || this.#orders.journaled.has(cid)) return;
    const side = delta.gt(0) ? 'buy' : 'sell';
    const limit = params.order_type === 'limit';
    const offset = new Decimal(params.limit_offset);
    const price = limit ? venue.client.markets.roundPrice(s.symbol, side === 'buy' ? candle.close.times(Decimal.sub(1, offset)) : candle.close.times(offset.plus(1)), side === 'buy' ? 'down' : 'up') : candle.close;
    await this.#orders.place({ venue, strategyId: s.id, clientOrderId: cid, symbol: market.symbol, side, amount, type: limit ? 'limit' : 'market', price, reduceOnly: adding.isZero(), reason: `signal ${signal}` });
    await this.#portfolio.refresh(this.#venuesInUse(), true);
  }

  // ---- risk ---------------------------------------------------------------------------------

  #riskContext(): RiskContext {
    const snap = this.#portfolio.snapshot;
    const value = snap?.value ?? ZERO;
    return {
      portfolioValue: value,
      dayStartValue: this.#dayStart?.value ?? value,
      positions: (snap?.positions ?? []).map((l) => ({ symbol: l.position.symbol, size: l.position.size, price: l.position.markPrice ?? l.position.entryPrice ?? ZERO })),
    };
  }

  /** Re-reads the account; trips the daily loss breaker; exits positions past their stop; follows resting orders. */
  async #evaluate(): Promise<void> {
    if (!this.leader || this.#state === 'stopped') return;
    const snap = await this.#portfolio.refresh(this.#venuesInUse(), true);
    await this.#rollDay(snap.value);
    if (dailyLossBreached(this.#limits, this.#riskContext())) {
      await this.#breaker();
      return;
    }
    await this.#followOpenOrders();
    const minute = Math.floor(this.#clock.now() / 60_000) * 60_000;
    for (const line of snap.positions) {
      const p = line.position;
      const price = p.markPrice;
      if (price === undefined || p.entryPrice === undefined || !stopLossHit(this.#limits, p.size, p.entryPrice, price)) continue;
      await this.#orders.place({
        venue: this.#o.venues.get(line.venue),
        strategyId: this.#strategyOf(line.venue, p.symbol),
        clientOrderId: engineClientOrderId(`${line.venue}|${p.symbol}`, minute, 'sl' satisfies OrderPurpose),
        symbol: p.symbol,
        side: p.size.gt(0) ? 'sell' : 'buy',
        amount: p.size.abs(),
        type: 'market',
        reduceOnly: true,
        reason: `stop_loss ${this.#limits.stopLossPercent.toFixed()} from entry ${p.entryPrice.toFixed()} at mark ${price.toFixed()}`,
      });
    }
  }

  async #breaker(): Promise<void> {
    const ctx = this.#riskContext();
    const loss = ctx.dayStartValue.minus(ctx.portfolioValue);
    const previous = this.#state;
    await this.#halt(false, 'daily loss limit');
    this.#state = 'stopped';
    await this.#o.store.setEngineState('stopped');
    const message = `Daily loss ${loss.toFixed()} ${this.#o.quoteCurrency ?? 'USDT'} reached max_daily_loss ${this.#limits.maxDailyLoss.toFixed()} of the day's opening value ${ctx.dayStartValue.toFixed()}: the engine stopped and cancelled its orders.`;
    await this.#o.store.logCommand({ command: 'stop', parameters: { breaker: 'max_daily_loss' }, reason: 'daily loss limit', issuedBy: 'risk', at: new Date(this.#clock.now()).toISOString(), result: message });
    this.#announceState('risk_stop', previous, 'max_daily_loss');
    await this.#alert({
      type: 'risk',
      severity: 'high',
      title: 'Trading Stopped',
      message,
      details: { rule: 'max_daily_loss', daily_loss: loss.toFixed(), day_start_value: ctx.dayStartValue.toFixed(), portfolio_value: ctx.portfolioValue.toFixed() },
      createdAt: new Date(this.#clock.now()).toISOString(),
    });
  }

  async #alert(alert: EngineAlert): Promise<void> {
    let id = `engine-${this.#clock.now().toString(36)}`;
    try {
      const stored = await this.#o.onAlert?.(alert);
      if (stored !== undefined) id = stored.id;
    } catch (error) {
      this.#log.warn({ err: errorDetail(error) }, 'alert hook failed');
    }
    this.#o.bus.publish(
      busMessage('alerts', 'alert', { id, type: alert.type, severity: alert.severity, title: alert.title, message: alert.message, created_at: alert.createdAt }, { at: this.#clock.now() }),
    );
  }

  /** Resting engine orders that left the book since the last look: journal their outcome. */
  async #followOpenOrders(): Promise<void> {
    for (const o of [...this.#orders.open.values()]) {
      try {
        const venue = this.#o.venues.get(o.venue);
        const order = await venue.client.fetchOrder({ symbol: o.symbol, id: o.id });
        if (isTerminalStatus(order.status)) await this.#orders.record(venue.id, o.strategyId, order, 'followed');
      } catch (error) {
        this.#log.warn({ order: o.id, err: errorDetail(error) }, 'following an order failed');
      }
    }
  }

  /** Today's opening portfolio value (UTC day), kept in the store when it can. */
  async #rollDay(value: Decimal): Promise<void> {
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10);
    if (this.#dayStart?.day === day) return;
    const store = this.#o.store;
    const saved = store.getEngineValue === undefined ? null : await store.getEngineValue(STATE_KEY_DAY(day));
    if (saved !== null && /^-?\d+(\.\d+)?$/.test(saved)) {
      this.#dayStart = { day, value: new Decimal(saved) };
      return;
    }
    this.#dayStart = { day, value };
    await store.setEngineValue?.(STATE_KEY_DAY(day), value.toFixed());
  }

  #strategyOf(venue: string, symbol: string): string | null {
    for (const r of this.#runners.values()) if (r.venue.id === venue && r.venue.client.markets.find(r.strategy.symbol)?.symbol === symbol) return r.strategy.id;
    return null;
  }

  #venuesInUse(): Venue[] {
    const ids = new Set<string>();
    const out: Venue[] = [];
    const add = (v: Venue): void => {
      if (ids.has(v.id)) return;
      ids.add(v.id);
      out.push(v);
    };
    for (const r of this.#runners.values()) add(r.venue);
    for (const o of this.#orders.open.values()) {
      const v = this.#venue(o.venue);
      if (v !== undefined) add(v);
    }
    if (out.length === 0) {
      const v = this.#venue();
      if (v !== undefined) add(v);
    }
    return out;
  }

  /** A venue no longer configured (its strategy or order outlived it) is skipped, never fatal. */
  #venue(id?: string): Venue | undefined {
    try {
      return this.#o.venues.get(id);
    } catch {
      return undefined;
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** One engine step at a time: commands, candles and risk checks never interleave. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#work.then(fn, fn);
    this.#work = run.catch((e: unknown) => this.#log.warn({ err: errorDetail(e) }, 'engine step failed'));
    return run;
  }

  #startTick(): void {
    const every = this.#o.riskCheckIntervalMs ?? 10_000;
    if (every <= 0 || this.#tick !== undefined || this.#closed) return;
    this.#tick = this.#timers.setTimeout(
      () => {
        this.#tick = undefined;
        void this.#exclusive(() => this.#evaluate()).finally(() => {
          if (this.#state !== 'stopped' && this.leader) this.#startTick();
        });
      },
      every,
      { unref: true },
    );
  }

  #stopTick(): void {
    if (this.#tick !== undefined) this.#timers.clearTimeout(this.#tick);
    this.#tick = undefined;
  }
}

/** Builds the engine, takes (or waits for) the lease and, as leader, restores the stored state. */
export async function createTradingEngine(options: TradingEngineOptions): Promise<TradingEngine> {
  const engine = new Engine(options);
  await engine.init();
  return engine;
}
