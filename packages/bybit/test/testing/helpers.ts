import { createHmac } from 'node:crypto';
import type { BybitSimulator } from '../../src/testing/index.js';

export interface WireReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { retCode: number; retMsg: string; result: unknown; retExtInfo: unknown; time: number } & Record<string, unknown>;
}

export interface SignOptions {
  readonly apiKey?: string;
  readonly apiSecret?: string;
  /** Added to the current time for X-BAPI-TIMESTAMP. */
  readonly skewMs?: number;
  readonly recvWindow?: string;
  /** Replace the computed signature. */
  readonly sign?: string;
}

/** A raw V5 call as the SDKs make it (§2): GET signs the query string, POST the body. */
export async function call(sim: BybitSimulator, method: 'GET' | 'POST', path: string, params: Record<string, string | number | boolean> = {}, signed: boolean | SignOptions = false): Promise<WireReply> {
  const query = method === 'GET' ? new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
  const body = method === 'POST' ? JSON.stringify(params) : '';
  const headers: Record<string, string> = {};
  if (method === 'POST') headers['content-type'] = 'application/json';
  if (signed !== false) {
    const o = signed === true ? {} : signed;
    const key = o.apiKey ?? sim.apiKey;
    const ts = String(Date.now() + (o.skewMs ?? 0));
    const recv = o.recvWindow ?? '5000';
    const payload = `${ts}${key}${recv}${method === 'GET' ? query : body}`;
    headers['X-BAPI-API-KEY'] = key;
    headers['X-BAPI-TIMESTAMP'] = ts;
    headers['X-BAPI-RECV-WINDOW'] = recv;
    headers['X-BAPI-SIGN-TYPE'] = '2';
    headers['X-BAPI-SIGN'] = o.sign ?? createHmac('sha256', o.apiSecret ?? sim.apiSecret).update(payload).digest('hex');
  }
  const res = await fetch(`${sim.restUrl}${path}${query === '' ? '' : `?${query}`}`, { method, headers, ...(method === 'POST' && { body }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as WireReply['body'] };
}

/** Polls until `check` holds (or throws after `ms`). */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
