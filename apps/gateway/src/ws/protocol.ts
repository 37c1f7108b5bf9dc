// Client frames of gateway-api.md § WebSocket, validated with zod; server frames built here.
import { z } from 'zod';

const topicsSchema = z.array(z.string().min(1).max(120)).min(1).max(100);

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(4096) }).strict(),
  z.object({ type: z.literal('subscribe'), topics: topicsSchema }).strict(),
  z.object({ type: z.literal('unsubscribe'), topics: topicsSchema }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Largest client frame accepted (a subscribe with 100 long topics fits). */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

export type ParsedFrame = { readonly ok: true; readonly frame: ClientFrame } | { readonly ok: false; readonly error: string; readonly message: string };

export function parseClientFrame(raw: string): ParsedFrame {
  if (raw.length > MAX_CLIENT_FRAME_BYTES) return { ok: false, error: 'validation_error', message: `frame larger than ${MAX_CLIENT_FRAME_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'validation_error', message: 'frame is not JSON' };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'frame' : issue.path.join('.');
    return { ok: false, error: 'validation_error', message: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, frame: parsed.data };
}

export function errorFrame(error: string, message: string): string {
  return JSON.stringify({ type: 'error', error, message });
}

/** Close codes: 4401 is the contract's; the others are ws's standard ones or ours (4xxx). */
export const CLOSE = {
  unauthorized: 4401,
  tryAgainLater: 1013,
  pingTimeout: 4408,
  goingAway: 1001,
  policyViolation: 1008,
  badRequest: 4400,
} as const;
