import type { RejectReason } from '@exkit/sim';

/** The V5 envelope (reference §3): `{retCode, retMsg, result, retExtInfo, time}`, HTTP 200 for business errors too. */

export interface Envelope {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: unknown;
  readonly retExtInfo: unknown;
  readonly time: number;
}

export function okBody(result: unknown, time: number, retExtInfo: unknown = {}): Envelope {
  return { retCode: 0, retMsg: 'OK', result, retExtInfo, time };
}

export function errorBody(retCode: number, retMsg: string, time: number): Envelope {
  return { retCode, retMsg, result: {}, retExtInfo: {}, time };
}

/** A refusal a route throws; the router turns it into an error envelope. */
export class BybitFailure extends Error {
  override readonly name = 'BybitFailure';
  constructor(
    readonly retCode: number,
    readonly retMsg: string,
    readonly reason?: RejectReason,
  ) {
    super(retMsg);
  }
}

export function fail(retCode: number, retMsg: string): never {
  throw new BybitFailure(retCode, retMsg);
}
