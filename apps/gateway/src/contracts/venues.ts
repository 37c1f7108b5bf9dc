// Owned by the HTTP/API side (venues/). The configured venues, behind core's neutral Exchange interface.
import type { Exchange } from '@exkit/core';

export type VenueExchange = 'bybit' | 'bitunix';
export type VenueEnv = 'sim' | 'testnet' | 'demo' | 'mainnet';

export interface VenueHealth {
  readonly reachable: boolean;
  readonly clockSkewMs?: number;
  readonly credentialsValid?: boolean;
  readonly permissions?: readonly string[];
  readonly connected: boolean;
  readonly lastError?: string;
  readonly checkedAt: number;
}

export interface Venue {
  readonly id: string;
  readonly exchange: VenueExchange;
  readonly env: VenueEnv;
  readonly client: Exchange;
  health(): VenueHealth;
}

export interface VenueRegistry {
  /** In configuration order; the first is the default for `?exchange=`. */
  list(): readonly Venue[];
  /** Throws a not_found-mapped error for an unknown id; undefined id → the default venue. */
  get(id?: string): Venue;
}
