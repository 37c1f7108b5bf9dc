import { NotSupportedError } from '@exkit/core';

/** The guide step (docs/adding-an-exchange.md) that implements each part. */
export const GUIDE_STEP = { rest: 2, mappers: 4, streams: 5 } as const;

/**
 * The scaffold's answer for a venue call that has no implementation yet: a typed refusal naming
 * the method and the guide step, raised before any request, so the conformance report says
 * exactly what is left.
 */
export function notImplemented(exchange: string, method: string, step: keyof typeof GUIDE_STEP): NotSupportedError {
  return new NotSupportedError(`${exchange}: ${method} is not implemented yet (docs/adding-an-exchange.md, step ${GUIDE_STEP[step]})`, {
    exchange,
    method,
  });
}
