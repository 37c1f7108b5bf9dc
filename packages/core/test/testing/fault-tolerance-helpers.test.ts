/**
 * The arithmetic behind CK-FT-02 (rolling-window bucket checks, the least time a burst needs) and
 * the shape-keeping unknown id of CK-ER-03, which the fake venue cannot exercise end to end.
 */
import { describe, expect, it } from 'vitest';
import { otherId } from '../../src/testing/cases/error-handling.js';
import { bucketExcess, impliedMs } from '../../src/testing/cases/fault-tolerance.js';
import type { ReceivedRequest } from '../../src/testing/index.js';

const req = (at: number, operation: ReceivedRequest['operation'] = 'fetchTicker', apiKey?: string): ReceivedRequest => ({
  seq: at,
  at,
  method: 'GET',
  path: '/x',
  operation,
  params: {},
  ...(apiKey && { apiKey }),
});

describe('rate-limit arithmetic (CK-FT-02)', () => {
  it('finds more than `limit` requests inside any rolling window', () => {
    const bucket = { name: 'ip', scope: 'ip' as const, limit: 3, windowMs: 1_000 };
    expect(bucketExcess(bucket, [req(0), req(400), req(999), req(1_000), req(1_500)])).toBeUndefined();
    expect(bucketExcess(bucket, [req(0), req(400), req(800), req(999)])).toMatch(/4 requests within 1000 ms, limit 3/);
  });

  it('counts per endpoint or per key as the bucket scope says, and only its operations', () => {
    const endpoint = { name: 'ep', scope: 'endpoint' as const, limit: 2, windowMs: 1_000 };
    expect(bucketExcess(endpoint, [req(0, 'fetchTicker'), req(1, 'fetchTicker'), req(2, 'placeOrder'), req(3, 'placeOrder')])).toBeUndefined();
    expect(bucketExcess(endpoint, [req(0, 'placeOrder'), req(1, 'placeOrder'), req(2, 'placeOrder')])).toMatch(/\(placeOrder\)/);
    const orders = { name: 'orders', scope: 'account' as const, operations: ['placeOrder' as const], limit: 1, windowMs: 1_000 };
    expect(bucketExcess(orders, [req(0, 'placeOrder', 'a'), req(1, 'placeOrder', 'b'), req(2, 'fetchTicker', 'a')])).toBeUndefined();
    expect(bucketExcess(orders, [req(0, 'placeOrder', 'a'), req(1, 'placeOrder', 'a')])).toMatch(/\(a\)/);
  });

  it('knows the least time a burst needs under a rolling window', () => {
    expect(impliedMs(10, 10, 1_000)).toBe(0);
    expect(impliedMs(30, 10, 1_000)).toBe(2_000);
    expect(impliedMs(31, 10, 1_000)).toBe(3_000);
  });
});

describe('unknown order ids (CK-ER-03)', () => {
  it('keep the id’s shape but name no neighbour of a sequential id', () => {
    expect(otherId('O00000061')).toBe('L55555516');
    expect(otherId('1234567890')).toBe('6789012345');
    expect(otherId('3f2a-9c')).toMatch(/^[0-9a-z]{4}-[0-9a-z]{2}$/);
    expect(otherId('3f2a-9c')).not.toBe('3f2a-9c');
  });
});
