import type { RawData } from 'ws';
import { REDACTED, isSensitiveName, preview, type Redactor } from '../errors/redact.js';

/** What goes out on a socket: text as is, anything else as JSON. */
export type OutboundFrame = string | object;

export function encodeFrame(frame: OutboundFrame): string {
  return typeof frame === 'string' ? frame : JSON.stringify(frame);
}

export type DecodedFrame =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly preview: string };

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

// `"sign":"…"`, `"apiKey": "…"` and friends inside text that is not valid JSON (so scrubValue cannot run).
const QUOTED_FIELD = /"([A-Za-z0-9_-]{1,40})"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The start of a frame, safe to log: registered secrets and sensitive fields replaced, then shortened.
 * Scrubs a generous prefix before cutting, so a secret is never half-kept at the cut.
 */
export function scrubbedPreview(text: string, redactor: Redactor | undefined, max = 200): string {
  let head = text.slice(0, max + 1_000);
  head = head.replace(QUOTED_FIELD, (whole, key: string) => (isSensitiveName(key) ? `"${key}":"${REDACTED}"` : whole));
  if (redactor) head = redactor.scrub(head);
  const out = preview(head, max);
  return text.length > head.length && !out.includes('…(') ? `${out}…(${text.length} chars)` : out;
}

/** Parses one inbound frame; never throws. */
export function decodeFrame(data: RawData, redactor?: Redactor): DecodedFrame {
  let text: string;
  try {
    text = toText(data);
  } catch {
    return { ok: false, reason: 'undecodable frame', preview: '' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Not the parser's message: V8 quotes a slice of the input in it, which could hold a secret.
    return { ok: false, reason: 'invalid JSON', preview: scrubbedPreview(text, redactor) };
  }
}
