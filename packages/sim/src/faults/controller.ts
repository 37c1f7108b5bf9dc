import type { VenueClock } from '../clock/venue-clock.js';
import type { ControlEvent, PrivateEvent, PublicEvent, SimEvent } from '../events/types.js';
import type { BookLevel } from '../market-data/types.js';
import type { Prng } from '../util/prng.js';
import { FAULT_KINDS, type ActiveFault, type SimFault, type SimFaultKind, type VenueOperation } from './types.js';
import { RateMeter } from './rate-meter.js';

type Malformed = 'invalidJson' | 'missingField' | 'unknownEnum' | 'html502';
type Held = { event: PrivateEvent; type: 'order' | 'fill' };

/**
 * The venue's fault model. Engine-level faults act here — clock skew, book-stream gaps, duplicate
 * and corrupted deltas, lost / duplicated / reordered private events — on what listeners receive
 * (the venue's own state and sequences are never touched, exactly like a lossy wire). Wire-level
 * faults are *scheduled* here and queried by the fronts that own sockets and HTTP: windows
 * (`isRateLimited(now)`, `isUnavailable(now)`, `responseDelay(now)`, `isRefusing(scope, now)`),
 * one-shot answers (`takeDropResponse`, `takeMalformedResponse`, `takeErrorCode`,
 * `takeResetBeforeAck`) and control events (`resetConnections`, `malformedFrame`). Anything random
 * draws from the venue's seeded fault stream.
 */
export class FaultController {
  readonly kinds: readonly SimFaultKind[] = FAULT_KINDS;
  /** Counters fronts can use to enforce venue rate-limit buckets. */
  readonly rateMeter = new RateMeter();
  readonly #clock: VenueClock;
  readonly #rng: Prng;
  readonly #control: (event: ControlEvent) => void;
  readonly #crossedLevel: (symbol: string) => BookLevel | undefined;
  #active: { fault: SimFault; since: number; until?: number; remaining?: number }[] = [];
  readonly #lastDelta = new Map<string, PublicEvent>();
  #held: Held | undefined;

  constructor(options: {
    clock: VenueClock;
    rng: Prng;
    control: (event: ControlEvent) => void;
    /** A bid level at or above the market's best ask (for `crossedBook`). */
    crossedLevel: (symbol: string) => BookLevel | undefined;
  }) {
    this.#clock = options.clock;
    this.#rng = options.rng;
    this.#control = options.control;
    this.#crossedLevel = options.crossedLevel;
  }

  get rng(): Prng {
    return this.#rng;
  }

  /** Deterministic uniform [0, 1) for fronts that need a random choice (which socket to cut, …). */
  random(): number {
    return this.#rng.next();
  }

  set(fault: SimFault): void {
    const now = this.#clock.now();
    switch (fault.kind) {
      case 'clockSkew':
        this.#clock.setSkew(fault.offsetMs);
        this.#active = this.#active.filter((a) => a.fault.kind !== 'clockSkew');
        if (fault.offsetMs !== 0) this.#active.push({ fault, since: now });
        return;
      case 'resetConnections':
        if (fault.beforeAck === true) this.#active.push({ fault, since: now, remaining: 1 });
        else this.#control({ channel: 'control', type: 'resetConnections', scope: fault.scope, timestamp: now });
        return;
      case 'malformedFrame':
        this.#control({ channel: 'control', type: 'malformedFrame', ...(fault.stream === undefined ? {} : { stream: fault.stream }), timestamp: now });
        return;
      case 'refuseConnections':
      case 'rateLimitWindow':
      case 'unavailableWindow':
      case 'delayResponses':
        this.#active.push({ fault, since: now, until: now + fault.durationMs });
        return;
      case 'duplicateEvents':
        this.#active.push({ fault, since: now, remaining: fault.count });
        return;
      case 'malformedResponse':
      case 'errorCode':
        this.#active.push({ fault, since: now, ...(fault.times === undefined ? {} : { remaining: fault.times }) });
        return;
      case 'timestampUnit':
        this.#active = this.#active.filter((a) => a.fault.kind !== 'timestampUnit');
        this.#active.push({ fault, since: now });
        return;
      case 'loseEvents':
        // One entry per event type, so each type loses exactly its next event.
        for (const type of new Set(fault.events)) this.#active.push({ fault: { kind: 'loseEvents', events: [type] }, since: now, remaining: 1 });
        return;
      case 'enforceRateLimits':
      case 'chaos':
        this.#active.push({ fault, since: now });
        return;
      case 'sequenceGap':
      case 'duplicateFrames':
      case 'crossedBook':
      case 'reorderFrames':
      case 'dropResponse':
        this.#active.push({ fault, since: now, remaining: 1 });
    }
  }

  /** Removes every fault (and the clock skew); a held reordered event is delivered by the bus. */
  clear(): PrivateEvent | undefined {
    this.#active = [];
    this.#clock.setSkew(0);
    this.#lastDelta.clear();
    const held = this.#held?.event;
    this.#held = undefined;
    return held;
  }

  list(): readonly ActiveFault[] {
    const now = this.#clock.now();
    return this.#active
      .filter((a) => a.until === undefined || a.until > now)
      .map((a) => ({ fault: a.fault, since: a.since, ...(a.until === undefined ? {} : { until: a.until }), ...(a.remaining === undefined ? {} : { remaining: a.remaining }) }));
  }

  // ---- windows fronts query -------------------------------------------------------------------

  rateLimitWindow(now = this.#clock.now()): { until: number; retryAfter: boolean } | undefined {
    const a = this.#window('rateLimitWindow', now);
    return a === undefined || a.fault.kind !== 'rateLimitWindow' ? undefined : { until: a.until!, retryAfter: a.fault.retryAfter === true };
  }

  isRateLimited(now = this.#clock.now()): boolean {
    return this.rateLimitWindow(now) !== undefined;
  }

  unavailableWindow(now = this.#clock.now()): { until: number; maintenance: boolean } | undefined {
    const a = this.#window('unavailableWindow', now);
    return a === undefined || a.fault.kind !== 'unavailableWindow' ? undefined : { until: a.until!, maintenance: a.fault.maintenance === true };
  }

  isUnavailable(now = this.#clock.now()): boolean {
    return this.unavailableWindow(now) !== undefined;
  }

  /** How long to hold an answer now (0 outside a `delayResponses` window). */
  responseDelay(now = this.#clock.now()): number {
    const a = this.#window('delayResponses', now);
    return a === undefined || a.fault.kind !== 'delayResponses' ? 0 : a.fault.delayMs;
  }

  isRefusing(scope: 'ws' | 'rest', now = this.#clock.now()): boolean {
    return this.#active.some(
      (a) => a.fault.kind === 'refuseConnections' && a.until! > now && a.since <= now && (a.fault.scope === 'all' || a.fault.scope === scope),
    );
  }

  get rateLimitsEnforced(): boolean {
    return this.#active.some((a) => a.fault.kind === 'enforceRateLimits');
  }

  timestampUnit(): 's' | 'ms' | 'us' | 'ns' {
    const a = this.#active.find((x) => x.fault.kind === 'timestampUnit');
    return a !== undefined && a.fault.kind === 'timestampUnit' ? a.fault.unit : 'ms';
  }

  // ---- one-shot answers fronts consume ---------------------------------------------------------

  takeDropResponse(operation: VenueOperation): boolean {
    return this.#take((f) => f.kind === 'dropResponse' && f.operation === operation) !== undefined;
  }

  takeMalformedResponse(operation: VenueOperation): Malformed | undefined {
    const f = this.#take((x) => x.kind === 'malformedResponse' && (x.operation === undefined || x.operation === operation));
    return f?.kind === 'malformedResponse' ? f.variant : undefined;
  }

  takeErrorCode(operation: VenueOperation): { code: string | number; message?: string } | undefined {
    const f = this.#take((x) => x.kind === 'errorCode' && (x.operation === undefined || x.operation === operation));
    return f?.kind === 'errorCode' ? { code: f.code, ...(f.message === undefined ? {} : { message: f.message }) } : undefined;
  }

  /** True once when a subscribe arrives on a socket of `scope` and a `resetConnections beforeAck` waits. */
  takeResetBeforeAck(scope: 'public' | 'private'): boolean {
    return this.#take((f) => f.kind === 'resetConnections' && f.beforeAck === true && (f.scope === 'all' || f.scope === scope)) !== undefined;
  }

  // ---- delivery (used by the event bus) --------------------------------------------------------

  /** What listeners receive for one event the venue published. */
  deliver(event: SimEvent): SimEvent[] {
    if (this.#active.length === 0 && this.#held === undefined) {
      if (event.channel === 'public' && event.type === 'book' && !event.snapshot) this.#lastDelta.set(event.symbol, event);
      return [event];
    }
    if (event.channel === 'public') return this.#deliverPublic(event);
    if (event.channel === 'private') return this.#deliverPrivate(event);
    return [event];
  }

  #deliverPublic(event: PublicEvent): SimEvent[] {
    if (event.type !== 'book' || event.snapshot) return [event];
    const symbol = event.symbol;
    if (this.#take((f) => f.kind === 'sequenceGap' && f.nativeId === symbol) !== undefined) return [];
    const chaos = this.#chaos();
    if (chaos?.sequenceGap !== undefined && this.#rng.chance(chaos.sequenceGap)) return [];
    const previous = this.#lastDelta.get(symbol);
    this.#lastDelta.set(symbol, event);
    if (this.#take((f) => f.kind === 'duplicateFrames' && f.nativeId === symbol) !== undefined) {
      return previous === undefined ? [event, event] : [previous, event, event];
    }
    if (this.#take((f) => f.kind === 'crossedBook' && f.nativeId === symbol) !== undefined) {
      const crossed = this.#crossedLevel(symbol);
      if (crossed !== undefined) return [{ ...event, bids: [crossed, ...event.bids.filter((l) => l[0] !== crossed[0])] }];
    }
    return [event];
  }

  #deliverPrivate(event: PrivateEvent): SimEvent[] {
    const kind = event.type === 'order' || event.type === 'fill' ? event.type : undefined;
    if (kind !== undefined && this.#take((f) => f.kind === 'loseEvents' && f.events.includes(kind)) !== undefined) return [];
    const chaos = this.#chaos();
    if (chaos !== undefined && kind !== undefined && chaos.loseEvents !== undefined && this.#rng.chance(chaos.loseEvents)) return [];
    let out: SimEvent[] = [event];
    if (kind !== undefined) {
      const held = this.#held;
      if (held !== undefined && held.type === kind && held.event.accountId === event.accountId) {
        this.#held = undefined;
        out = [event, held.event];
      } else if (held === undefined && this.#take((f) => f.kind === 'reorderFrames' && (f.stream === 'orders' ? 'order' : 'fill') === kind) !== undefined) {
        this.#held = { event, type: kind };
        return [];
      }
    }
    if (this.#take((f) => f.kind === 'duplicateEvents') !== undefined) return out.flatMap((e) => [e, e]);
    if (chaos?.duplicateEvents !== undefined && this.#rng.chance(chaos.duplicateEvents)) return out.flatMap((e) => [e, e]);
    return out;
  }

  #chaos(): Extract<SimFault, { kind: 'chaos' }> | undefined {
    for (const a of this.#active) if (a.fault.kind === 'chaos') return a.fault;
    return undefined;
  }

  #window(kind: SimFaultKind, now: number): { fault: SimFault; since: number; until?: number } | undefined {
    for (let i = this.#active.length - 1; i >= 0; i--) {
      const a = this.#active[i]!;
      if (a.fault.kind === kind && a.since <= now && a.until! > now) return a;
    }
    return undefined;
  }

  /** Consumes one use of the first matching fault. */
  #take(match: (f: SimFault) => boolean): SimFault | undefined {
    const i = this.#active.findIndex((a) => match(a.fault));
    if (i < 0) return undefined;
    const a = this.#active[i]!;
    if (a.remaining !== undefined) {
      a.remaining -= 1;
      if (a.remaining <= 0) this.#active.splice(i, 1);
    }
    return a.fault;
  }

  /** Active faults for a snapshot. */
  toJSON(): ActiveFault[] {
    return this.#active.map((a) => ({ fault: a.fault, since: a.since, ...(a.until === undefined ? {} : { until: a.until }), ...(a.remaining === undefined ? {} : { remaining: a.remaining }) }));
  }

  restore(active: readonly ActiveFault[]): void {
    this.#active = active.map((a) => ({ ...a }));
    const skew = active.find((a) => a.fault.kind === 'clockSkew');
    this.#clock.setSkew(skew !== undefined && skew.fault.kind === 'clockSkew' ? skew.fault.offsetMs : 0);
  }
}
