// Builds each configured venue's Exchange: the venue's own `urls` when configured (a simulator or proxy in
// another process), else a simulator front in-process for `sim`, else the environment's real hosts.
import type { Exchange } from '@exkit/core';
import { createBitunix } from '@exkit/bitunix';
import { BITUNIX_INSTRUMENTS, BITUNIX_WALLET, startBitunixSimulator } from '@exkit/bitunix/testing';
import { createBybit } from '@exkit/bybit';
import { startBybitSimulator } from '@exkit/bybit/testing';
import type { VenueConfig, VenueUrls } from '../config/schema.js';
import { openPersistentSim } from './sim-state.js';

export interface CreatedVenue {
  readonly client: Exchange;
  /** Saves simulator state (no-op for real venues). */
  save(): void;
  /** Closes the client and any simulator, saving its state first. */
  close(): Promise<void>;
}

const SIM_SAVE_MS = 30_000;

/** Venue A has one public socket per category: `wsPublic` names either (`…/linear`, `…/spot`) or their base. */
function bybitPublicWs(wsPublic: string): { linear: string; spot: string } {
  const base = /^(.*)\/(linear|spot)\/?$/.exec(wsPublic)?.[1] ?? wsPublic.replace(/\/+$/, '');
  return { linear: `${base}/linear`, spot: `${base}/spot` };
}

function externalClient(cfg: VenueConfig, urls: VenueUrls): Exchange {
  const credentials = cfg.credentials;
  return cfg.exchange === 'bybit'
    ? createBybit({
        environment: 'custom',
        urls: { rest: urls.rest, publicWs: bybitPublicWs(urls.wsPublic), privateWs: urls.wsPrivate, ...(urls.wsTrade !== undefined && { tradeWs: urls.wsTrade }) },
        ...(credentials && { credentials }),
      })
    : createBitunix({ environment: { rest: urls.rest, publicWs: urls.wsPublic, privateWs: urls.wsPrivate }, ...(credentials && { credentials }) });
}

export async function createVenueClient(cfg: VenueConfig, dataDir: string, onError: (e: unknown) => void): Promise<CreatedVenue> {
  if (cfg.urls !== undefined) {
    const client = externalClient(cfg, cfg.urls);
    return { client, save: () => undefined, close: () => client.close() };
  }
  if (cfg.env !== 'sim') {
    const credentials = cfg.credentials;
    const client: Exchange =
      cfg.exchange === 'bybit'
        ? createBybit({ environment: cfg.env, ...(credentials && { credentials }) })
        : createBitunix({ environment: 'mainnet', ...(credentials && { credentials }) });
    return { client, save: () => undefined, close: () => client.close() };
  }
  let client: Exchange;
  let stopFront: () => Promise<void>;
  const sim =
    cfg.exchange === 'bybit'
      ? openPersistentSim(dataDir, cfg.id, { seed: cfg.id }, onError)
      : openPersistentSim(dataDir, cfg.id, { seed: cfg.id, instruments: BITUNIX_INSTRUMENTS, wallet: BITUNIX_WALLET }, onError);
  if (cfg.exchange === 'bybit') {
    const front = await startBybitSimulator({ venue: sim.venue });
    client = createBybit({
      environment: 'custom',
      urls: {
        rest: front.restUrl,
        publicWs: { linear: front.wsPublicUrl('linear'), spot: front.wsPublicUrl('spot') },
        privateWs: front.wsPrivateUrl,
        tradeWs: front.wsTradeUrl,
      },
      credentials: { apiKey: front.apiKey, apiSecret: front.apiSecret },
    });
    stopFront = () => front.close();
  } else {
    const front = await startBitunixSimulator({ venue: sim.venue });
    client = createBitunix({ environment: front.environment, credentials: { apiKey: front.apiKey, apiSecret: front.apiSecret } });
    stopFront = () => front.close();
  }
  const save = () => {
    try {
      sim.save();
    } catch (e) {
      onError(e);
    }
  };
  const timer = setInterval(save, SIM_SAVE_MS);
  timer.unref();
  let closed = false;
  return {
    client,
    save,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await client.close();
      save();
      await stopFront();
      sim.venue.close();
    },
  };
}
