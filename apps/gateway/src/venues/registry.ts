// The configured venues (contracts/venues.ts) with their periodic health checks: reachable, clock skew,
// credentials valid, the key's permissions when the adapter can tell. A venue that fails keeps the rest of the gateway serving.
import type { Exchange } from '@exkit/core';
import type { VenueConfig } from '../config/schema.js';
import type { Venue, VenueHealth, VenueRegistry } from '../contracts/venues.js';
import { ApiError } from '../http/errors.js';
import { createVenueClient, type CreatedVenue } from './create.js';
import { instrumentExchange, type CallObserver } from './instrument.js';
import { keyPermissions } from './key-permissions.js';

class ManagedVenue implements Venue {
  #health: VenueHealth;
  /** Epoch ms since when the venue is unreachable; null while reachable. */
  downSince: number | null = null;

  constructor(
    readonly config: VenueConfig,
    readonly client: Exchange,
    readonly created: CreatedVenue,
    now: number,
  ) {
    this.#health = { reachable: false, connected: false, checkedAt: now, lastError: 'not checked yet' };
  }

  get id(): string {
    return this.config.id;
  }
  get exchange(): VenueConfig['exchange'] {
    return this.config.exchange;
  }
  get env(): VenueConfig['env'] {
    return this.config.env;
  }

  health(): VenueHealth {
    return this.#health;
  }

  async check(now: () => number): Promise<VenueHealth> {
    const started = now();
    try {
      const serverTime = await this.client.fetchServerTime();
      const local = (started + now()) / 2;
      let credentialsValid: boolean | undefined;
      let lastError: string | undefined;
      try {
        await this.client.fetchBalances();
        credentialsValid = true;
      } catch (e) {
        credentialsValid = false;
        lastError = `credentials: ${(e as Error).message}`;
      }
      const permissions = credentialsValid ? await keyPermissions(this.client) : undefined;
      if (this.client.markets.size === 0) await this.client.loadMarkets();
      this.downSince = null;
      this.#health = {
        reachable: true,
        connected: true,
        clockSkewMs: Math.round(serverTime - local),
        credentialsValid,
        ...(permissions !== undefined && { permissions }),
        checkedAt: now(),
        ...(lastError !== undefined && { lastError }),
      };
    } catch (e) {
      this.downSince ??= started;
      this.#health = { reachable: false, connected: false, checkedAt: now(), lastError: (e as Error).message };
    }
    return this.#health;
  }
}

export class ManagedVenueRegistry implements VenueRegistry {
  private constructor(private readonly venues: readonly ManagedVenue[]) {}

  static async open(configs: readonly VenueConfig[], dataDir: string, now: () => number, observe: CallObserver, onError: (e: unknown) => void): Promise<ManagedVenueRegistry> {
    const venues: ManagedVenue[] = [];
    try {
      for (const cfg of configs) {
        const created = await createVenueClient(cfg, dataDir, onError);
        const client = instrumentExchange(created.client, (method, ms, error) => observe(`${cfg.id}:${method}`, ms, error));
        venues.push(new ManagedVenue(cfg, client, created, now()));
      }
    } catch (e) {
      await Promise.allSettled(venues.map((v) => v.created.close()));
      throw e;
    }
    return new ManagedVenueRegistry(venues);
  }

  list(): readonly ManagedVenue[] {
    return this.venues;
  }

  get(id?: string): ManagedVenue {
    const venue = id === undefined ? this.venues[0] : this.venues.find((v) => v.id === id);
    if (!venue) throw new ApiError('not_found', `unknown exchange ${JSON.stringify(id)}`, { exchange: id ?? null, known: this.venues.map((v) => v.id) });
    return venue;
  }

  async checkAll(now: () => number): Promise<void> {
    await Promise.all(this.venues.map((v) => v.check(now)));
  }

  saveAll(): void {
    for (const v of this.venues) v.created.save();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.venues.map((v) => v.created.close()));
  }
}

export type { ManagedVenue };
