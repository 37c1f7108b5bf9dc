import { WebSocket } from 'ws';
import { bitunixSign, createNonce, sortedQueryString } from '../../src/rest/sign.js';

export interface Envelope {
  code: number;
  data: unknown;
  msg: string;
}

/** A raw Bitunix client: query for GET, compact JSON body for POST, signed as documented when a key is given. */
export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, unknown> = {},
  key?: { apiKey: string; apiSecret: string },
  tamper?: (headers: Record<string, string>) => void,
): Promise<Envelope> {
  const entries = method === 'GET' ? Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]) : [];
  const query = new URLSearchParams(entries).toString();
  const body = method === 'POST' ? JSON.stringify(params) : '';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) {
    const nonce = createNonce();
    const timestamp = String(Date.now());
    headers['api-key'] = key.apiKey;
    headers['nonce'] = nonce;
    headers['timestamp'] = timestamp;
    headers['sign'] = bitunixSign({ nonce, timestamp, apiKey: key.apiKey, queryParams: sortedQueryString(entries), body, secretKey: key.apiSecret });
  }
  tamper?.(headers);
  const res = await fetch(`${base}${path}${query === '' ? '' : `?${query}`}`, { method, headers, ...(method === 'POST' ? { body } : {}) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Envelope;
}

/** A raw socket that keeps every frame it receives. */
export async function socket(url: string): Promise<{ ws: WebSocket; frames: Record<string, unknown>[]; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (raw) => {
    try {
      frames.push(JSON.parse(raw.toString()) as Record<string, unknown>);
    } catch {
      frames.push({ raw: raw.toString() });
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}

export async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
