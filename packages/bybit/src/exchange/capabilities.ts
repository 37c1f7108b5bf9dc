import { capabilitiesExcept, type Capabilities, type CapabilityKey } from '@exkit/core';
import type { BybitCategory } from '../environments.js';

/** What needs the linear category: spot alone has no positions, leverage, funding or reduce-only. */
const LINEAR_ONLY: readonly CapabilityKey[] = ['fetchFundingRate', 'streamPositions', 'reduceOnly', 'positions', 'setLeverage'];

/** What the adapter offers: everything core names, less what the configured categories lack. */
export function bybitCapabilities(categories: readonly BybitCategory[]): Capabilities {
  return capabilitiesExcept(categories.includes('linear') ? [] : LINEAR_ONLY);
}
