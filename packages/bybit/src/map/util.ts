import { UnexpectedResponseError, type Decimal } from '@exkit/core';
import { EXCHANGE_ID } from '../options.js';

/** A payload that parsed but cannot be expressed in core's model: never defaulted. */
export function unexpected(message: string, path?: string): UnexpectedResponseError {
  return new UnexpectedResponseError(`${EXCHANGE_ID}: ${message}`, { exchange: EXCHANGE_ID, ...(path !== undefined && { path }) });
}

/** `"0"` / `"0.00"` mean "none" for prices such as `triggerPrice`, `liqPrice`. */
export function positiveOrUndefined(value: Decimal | undefined): Decimal | undefined {
  return value !== undefined && value.gt(0) ? value : undefined;
}

/** First of 2015-01-01 (core's G3 floor): venue timestamps below it are placeholders ("0"). */
export const MIN_TIMESTAMP = Date.UTC(2015, 0, 1);

export function realTimestamp(value: number | undefined): number | undefined {
  return value !== undefined && value >= MIN_TIMESTAMP ? value : undefined;
}
