/**
 * @exkit/__id__ — __Name__ for exkit (scaffold).
 *
 * ```ts
 * import { create__Name__ } from '@exkit/__id__';
 * await using venue = create__Name__();
 * ```
 */
import { __Name__Exchange, type __Name__Options } from './exchange.js';

export { __NAME___CAPABILITIES } from './exchange/capabilities.js';
export type { __Name__Exchange, __Name__Options } from './exchange.js';

/** A __Name__ exchange. Nothing connects until a method is used. */
export function create__Name__(options: __Name__Options = {}): __Name__Exchange {
  return new __Name__Exchange(options);
}
