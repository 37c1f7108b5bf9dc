import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/errors/redact.js';
import { decodeFrame, ReconnectingSocket } from '../../src/ws/index.js';
import type { DroppedFrameEvent } from '../../src/exchange/lifecycle.js';
import { FakeVenue, until } from './helpers/fake-venue.js';

let venue: FakeVenue;
let s: ReconnectingSocket | undefined;
beforeEach(async () => {
  venue = await FakeVenue.start();
});
afterEach(async () => {
  await s?.close();
  await venue.close();
});

describe('inbound frames', () => {
  it('a malformed frame is dropped and reported with a scrubbed preview; the stream goes on', async () => {
    const secret = 'sEcReT-api-key-123456';
    s = new ReconnectingSocket({ name: 'in', url: venue.url, heartbeat: false, redactor: new Redactor().add(secret) });
    const dropped: DroppedFrameEvent[] = [];
    const messages: unknown[] = [];
    const errors: unknown[] = [];
    s.on('dropped', (e) => dropped.push(e));
    s.on('message', (m) => messages.push(m));
    s.on('error', (e) => errors.push(e));
    s.start();
    await until(() => s!.isReady, 'ready');
    venue.sendRaw(JSON.stringify({ n: 1 }));
    venue.sendRaw(`{"op":"auth","apiKey":"${secret}","sign":"abcdef0123456789", "note": "${secret}" ...truncated`);
    venue.sendRaw('');
    venue.sendRaw(JSON.stringify({ n: 2 }));
    await until(() => messages.length === 2, 'frames around the bad ones');
    expect(messages).toEqual([{ n: 1 }, { n: 2 }]);
    expect(dropped).toHaveLength(2);
    expect(dropped[0]!.connection).toBe('in');
    expect(dropped[0]!.reason).toBe('invalid JSON');
    expect(dropped[0]!.preview).not.toContain(secret);
    expect(dropped[0]!.preview).not.toContain('abcdef0123456789');
    expect(dropped[0]!.preview).toContain('[REDACTED]');
    expect(errors).toEqual([]);
    expect(venue.connections).toHaveLength(1);
  });

  it('a throwing message listener is reported as an error event, not thrown into ws', async () => {
    s = new ReconnectingSocket({ name: 'in', url: venue.url, heartbeat: false });
    const errors: string[] = [];
    let after = 0;
    s.on('message', () => {
      throw new Error('consumer bug');
    });
    s.on('error', (e) => errors.push(e.error.message));
    s.start();
    await until(() => s!.isReady, 'ready');
    venue.sendRaw('{"a":1}');
    venue.sendRaw('{"a":2}');
    s.on('message', () => after++);
    await until(() => errors.length === 2, 'reported');
    expect(errors[0]).toMatch(/'message' listener threw: consumer bug/);
    expect(s.isReady).toBe(true);
  });

  it('decodeFrame never throws and truncates long previews', () => {
    const long = '{' + 'x'.repeat(5_000);
    const r = decodeFrame(Buffer.from(long));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.preview.length).toBeLessThan(260);
    expect(decodeFrame([Buffer.from('{"a":'), Buffer.from('1}')])).toEqual({ ok: true, value: { a: 1 } });
  });
});
