import { randomInt } from 'node:crypto';
import { InvalidArgumentError } from '../errors/error-classes.js';
import { systemClock, type Clock } from '../time/clock.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MAX_LENGTH = 36;
const MAX_PREFIX = 16;
let counter = 0;

export interface ClientOrderIdOptions {
  readonly clock?: Clock;
}

/**
 * A fresh client order id: `prefix + time(base36, 8) + counter(2) + random(base62, ≤ 12)`, at most
 * 36 characters of `[A-Za-z0-9_-]` (venue A `orderLinkId`'s rule; the random part is alphanumeric,
 * which every venue accepts). Unique across processes by the 60+ random bits, within one process
 * by the counter. Generated *before* the first attempt so every retry carries the same id.
 */
export function generateClientOrderId(prefix = 'exk', options: ClientOrderIdOptions = {}): string {
  if (prefix.length > MAX_PREFIX || !/^[A-Za-z0-9_-]*$/.test(prefix)) {
    throw new InvalidArgumentError(`client order id prefix must be ≤ ${MAX_PREFIX} characters of [A-Za-z0-9_-], got ${JSON.stringify(prefix)}`, {
      exchange: 'exkit',
    });
  }
  const time = Math.max(0, Math.floor((options.clock ?? systemClock).now())).toString(36).padStart(8, '0');
  counter = (counter + 1) % 1296;
  const seq = counter.toString(36).padStart(2, '0');
  const randomLength = Math.min(12, MAX_LENGTH - prefix.length - time.length - seq.length);
  let random = '';
  for (let i = 0; i < randomLength; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}${time}${seq}${random}`;
}
