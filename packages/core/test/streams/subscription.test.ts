import { describe, expect, it } from 'vitest';
import { BadSymbolError, ClosedError, NetworkError, StreamOverflowError } from '../../src/errors/error-classes.js';
import { createSubscription } from '../../src/streams/index.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('createSubscription', () => {
  it('conflate: latest and the iterator show the newest state to a slow reader', async () => {
    const { subscription: sub, push } = createSubscription<number>({ topic: 'ticker X', mode: 'conflate' });
    expect(sub.latest).toBeUndefined();
    for (let i = 1; i <= 10; i++) push(i);
    expect(sub.latest).toBe(10);
    const it = sub[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 10 });
    await sub.close();
  });

  it('queue: every item, in order', async () => {
    const { subscription: sub, push } = createSubscription<number>({ topic: 'trades X', mode: 'queue' });
    for (let i = 1; i <= 10; i++) push(i);
    const got: number[] = [];
    for await (const n of sub) {
      got.push(n);
      if (n === 10) break; // break closes the subscription
    }
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sub.closed).toBe(true);
  });

  it('queue overflow ends the iterator with StreamOverflowError and releases the topic', async () => {
    let released = 0;
    const { subscription: sub, push } = createSubscription<number>({ topic: 'trades X', mode: 'queue', capacity: 5, onClose: () => released++ });
    for (let i = 1; i <= 6; i++) push(i);
    expect(sub.closed).toBe(true);
    expect(released).toBe(1);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const n of sub) got.push(n);
      })(),
    ).rejects.toBeInstanceOf(StreamOverflowError);
    expect(got).toEqual([1, 2, 3, 4, 5]); // nothing buffered was lost; the error says the rest would have been
  });

  it('names its method on every error it surfaces (CK-ER-08), keeping a method set deeper down', async () => {
    const overflow = createSubscription<number>({ topic: 'trades X', mode: 'queue', capacity: 1, method: 'streams.trades' });
    overflow.push(1);
    overflow.push(2);
    const it = overflow.subscription[Symbol.asyncIterator]();
    await it.next();
    const err = await it.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamOverflowError);
    expect((err as StreamOverflowError).method).toBe('streams.trades');

    const refused = createSubscription<number>({ topic: 'ticker NOPE', mode: 'conflate', ready: Promise.reject(new BadSymbolError('unknown', { exchange: 'x' })) });
    const why = await refused.subscription.ready.catch((e: unknown) => e);
    expect((why as BadSymbolError).method).toBe('stream ticker NOPE');

    const gaveUp = createSubscription<number>({ topic: 'ticker X', mode: 'conflate' });
    gaveUp.fail(new NetworkError('gave up reconnecting', { exchange: 'x', method: 'socket' }));
    const thrown = await gaveUp.subscription[Symbol.asyncIterator]().next().catch((e: unknown) => e);
    expect((thrown as NetworkError).method).toBe('socket');
  });

  it('a ClosedError from its producer ends the stream quietly (the owner closed the exchange)', async () => {
    const { subscription: sub, fail } = createSubscription<number>({ topic: 'trades X', mode: 'queue' });
    const pending = sub[Symbol.asyncIterator]().next();
    fail(new ClosedError('exchange closed', { exchange: 'x' }));
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(sub.closed).toBe(true);
  });

  it('close() ends pending next() with done, runs onClose once, and is idempotent', async () => {
    let released = 0;
    const { subscription: sub, push } = createSubscription<number>({ topic: 't', mode: 'queue', onClose: () => released++ });
    const it = sub[Symbol.asyncIterator]();
    const pending = it.next();
    await sub.close();
    await sub.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    push(1);
    expect(sub.latest).toBeUndefined();
    expect(released).toBe(1);
  });

  it('await using closes it', async () => {
    let released = 0;
    let seen: ReturnType<typeof createSubscription<number>>['subscription'] | undefined;
    {
      await using sub = createSubscription<number>({ topic: 't', mode: 'conflate', onClose: () => released++ }).subscription;
      seen = sub;
      expect(sub.closed).toBe(false);
    }
    expect(seen.closed).toBe(true);
    expect(released).toBe(1);
  });

  it('a refused ready rejects ready and ends the iterator with the typed error', async () => {
    const refusal = new BadSymbolError('unknown symbol', { exchange: 'fake' });
    const { subscription: sub } = createSubscription<number>({ topic: 't', mode: 'queue', ready: Promise.reject(refusal) });
    await expect(sub.ready).rejects.toBe(refusal);
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toBe(refusal);
    expect(sub.closed).toBe(true);
  });

  it('a terminal failure reaches the iterator after the buffered items', async () => {
    const sink = createSubscription<number>({ topic: 't', mode: 'queue' });
    sink.push(1);
    sink.fail(new NetworkError('gave up', { exchange: 'fake' }));
    const it = sink.subscription[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 1 });
    await expect(it.next()).rejects.toBeInstanceOf(NetworkError);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('ready rejects with ClosedError when closed before the venue confirmed', async () => {
    const { subscription: sub } = createSubscription<number>({ topic: 't', mode: 'queue', ready: new Promise(() => undefined) });
    await sub.close();
    await expect(sub.ready).rejects.toBeInstanceOf(ClosedError);
  });

  it('onItem listeners: removable, a throwing one is reported and does not stop the others', async () => {
    const errors: unknown[] = [];
    const sink = createSubscription<number>({ topic: 't', mode: 'queue', capacity: 3, onListenerError: (e) => errors.push(e) });
    const a: number[] = [];
    const b: number[] = [];
    const offA = sink.subscription.onItem((n) => a.push(n));
    sink.subscription.onItem(() => {
      throw new Error('boom');
    });
    sink.subscription.onItem((n) => b.push(n));
    sink.push(1);
    offA();
    // A callback-only consumer (no iterator open) never fills the iterator buffer, so it cannot overflow.
    for (let i = 2; i <= 100; i++) sink.push(i);
    expect(a).toEqual([1]);
    expect(b).toHaveLength(100);
    expect(errors).toHaveLength(100);
    expect(sink.closed).toBe(false);
  });

  it('a state stream watched by callback keeps its current item for a reader that iterates later (CK-ST-07)', async () => {
    const sink = createSubscription<number>({ topic: 'ticker X', mode: 'conflate' });
    const seen: number[] = [];
    sink.subscription.onItem((n) => seen.push(n));
    for (let i = 1; i <= 50; i++) sink.push(i);
    expect(seen).toHaveLength(50);
    expect(await sink.subscription[Symbol.asyncIterator]().next()).toEqual({ done: false, value: 50 });
    await sink.subscription.close();
  });

  it('1,000 create/close cycles leave nothing behind', async () => {
    const live = new Set<number>();
    const baseline = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000; i++) {
      const sink = createSubscription<Uint8Array>({ topic: `t${i}`, mode: 'queue', onClose: () => live.delete(i) });
      live.add(i);
      sink.subscription.onItem(() => undefined);
      const it = sink.subscription[Symbol.asyncIterator]();
      sink.push(new Uint8Array(1_024));
      await it.next();
      await sink.subscription.close();
    }
    await tick();
    expect(live.size).toBe(0);
    globalThis.gc?.();
    expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(20 * 1024 * 1024);
  });
});
