// API key format `exk_<prefix>_<secret>`: the prefix finds the row, HMAC-SHA256(pepper, key) verifies it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'exk_';
const KEY_RE = /^exk_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(6).toString('hex');
  return { key: `${API_KEY_PREFIX}${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export function prefixOf(key: string): string | null {
  return KEY_RE.exec(key)?.[1] ?? null;
}

export function hashApiKey(pepper: string, key: string): string {
  return createHmac('sha256', pepper).update(key).digest('hex');
}

export function apiKeyMatches(pepper: string, key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(pepper, key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
