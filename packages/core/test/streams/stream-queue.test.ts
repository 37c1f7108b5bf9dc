import { describe, expect, it } from 'vitest';
import { NetworkError, StreamOverflowError } from '../../src/errors/error-classes.js';
import { StreamQueue } from '../../src/streams/index.js';

const drain = async <T>(q: StreamQueue<T>, n: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = await q.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
};

describe('StreamQueue', () => {
  it('conflate: a slow reader gets the newest state only', async () => {
    const q = new StreamQueue<number>({ mode: 'conflate' });
    for (let i = 1; i <= 100; i++) q.push(i);
    expect(q.size).toBe(1);
    expect(await q.next()).toEqual({ done: false, value: 100 });
  });

  it('queue: every item in order', async () => {
    const q = new StreamQueue<number>({ mode: 'queue', capacity: 100 });
    for (let i = 1; i <= 100; i++) q.push(i);
    expect(await drain(q, 100)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('a waiting reader gets the item directly', async () => {
    const q = new StreamQueue<string>({ mode: 'queue' });
    const pending = q.next();
    q.push('a');
    expect(await pending).toEqual({ done: false, value: 'a' });
  });

  it('overflow: buffered items first, then StreamOverflowError once, then done; later pushes refused', async () => {
    const q = new StreamQueue<number>({ mode: 'queue', capacity: 3, topic: 'trades X', exchange: 'fake' });
    expect(q.push(1)).toBeUndefined();
    q.push(2);
    q.push(3);
    const overflow = q.push(4);
    expect(overflow).toBeInstanceOf(StreamOverflowError);
    expect(q.push(5)).toBeUndefined();
    expect(await drain(q, 3)).toEqual([1, 2, 3]);
    await expect(q.next()).rejects.toBeInstanceOf(StreamOverflowError);
    expect(await q.next()).toEqual({ done: true, value: undefined });
  });

  it('end() resolves pending next() calls with done and drops unread items', async () => {
    const q = new StreamQueue<number>({ mode: 'queue' });
    const a = q.next();
    const b = q.next();
    q.end();
    expect(await a).toEqual({ done: true, value: undefined });
    expect(await b).toEqual({ done: true, value: undefined });
    q.push(1);
    expect(await q.next()).toEqual({ done: true, value: undefined });
  });

  it('fail() rejects a waiting reader with the typed error', async () => {
    const q = new StreamQueue<number>({ mode: 'conflate' });
    const a = q.next();
    const b = q.next();
    q.fail(new NetworkError('gave up', { exchange: 'fake' }));
    await expect(a).rejects.toBeInstanceOf(NetworkError);
    expect(await b).toEqual({ done: true, value: undefined });
  });

  it('memory stays bounded over a long produce/consume run and after a burst', async () => {
    const q = new StreamQueue<{ n: number }>({ mode: 'queue', capacity: 50_000 });
    for (let round = 0; round < 2_000; round++) {
      for (let i = 0; i < 100; i++) q.push({ n: i });
      await drain(q, 100);
    }
    expect(q.size).toBe(0);
    expect(q.allocated).toBeLessThanOrEqual(256 + 8);
    for (let i = 0; i < 40_000; i++) q.push({ n: i });
    const peak = q.allocated;
    await drain(q, 40_000);
    expect(q.allocated).toBeLessThan(peak / 100);
  });
});
