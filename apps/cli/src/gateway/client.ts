import { z } from 'zod';
import { httpUrl, parseArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { registerSecret } from '../output/redact.js';

export interface GatewayFlags {
  readonly url?: string;
  readonly token?: string;
  readonly timeout?: string;
}

/** A gateway error answer (gateway-api.md "Shapes"): `{error, message, …}`, on `/api/v1/*` wrapped in `{success:false, error:{…}}`. */
const errorFields = z.object({ error: z.string(), message: z.string().optional() }).loose();
const errorBody = z.union([z.object({ success: z.literal(false), error: errorFields }).loose(), errorFields]);

function errorOf(json: unknown): { error: string; message?: string | undefined } | undefined {
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return undefined;
  const e = parsed.data.error;
  return typeof e === 'string' ? { error: e, message: (parsed.data as { message?: string }).message } : e;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
}

export interface GatewayClient {
  request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
}

/** URL and token from flags or EXKIT_GATEWAY_URL / EXKIT_GATEWAY_TOKEN; the token (JWT or API key) goes as a Bearer header and is never printed. */
export function gatewayClient(flags: GatewayFlags, env: NodeJS.ProcessEnv = process.env): GatewayClient {
  const o = parseArgs(
    z.object({
      url: httpUrl,
      token: z.string().min(1, 'empty'),
      timeout: z.string().regex(/^\d+$/, 'expected milliseconds').transform(Number).optional(),
    }),
    { url: flags.url ?? env['EXKIT_GATEWAY_URL'] ?? missing('--url or EXKIT_GATEWAY_URL'), token: flags.token ?? env['EXKIT_GATEWAY_TOKEN'] ?? missing('--token or EXKIT_GATEWAY_TOKEN'), timeout: flags.timeout },
  );
  registerSecret(o.token);
  const base = o.url.replace(/\/+$/, '');
  return {
    async request(method, path, body) {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${o.token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
          ...(body !== undefined && { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(o.timeout ?? 10_000),
        });
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        throw new GatewayError(`gateway ${base} unreachable (${e instanceof Error ? e.message : String(e)}${cause})`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new GatewayError(`gateway ${method} ${path}: HTTP ${res.status}, not JSON`);
      }
      if (!res.ok) {
        const e = errorOf(json);
        const retry = res.headers.get('retry-after');
        throw new GatewayError(
          `gateway ${method} ${path}: HTTP ${res.status}${e === undefined ? '' : ` ${e.error}${e.message === undefined ? '' : `: ${e.message}`}`}${retry === null ? '' : ` (retry after ${retry} s)`}`,
        );
      }
      return json;
    },
  };
}

function missing(what: string): never {
  throw new UsageError(`the gateway commands need ${what}`);
}
