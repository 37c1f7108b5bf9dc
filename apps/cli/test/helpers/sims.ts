import { startBitunixSimulator, type BitunixSimulator } from '@exkit/bitunix/testing';
import { startBybitSimulator, type BybitSimulator } from '@exkit/bybit/testing';

/** The CLI flags that point a command at a running simulator (what a user would pass for a proxy or a custom deployment). */
export function bybitFlags(sim: BybitSimulator): string[] {
  return ['--rest-url', sim.restUrl, '--ws-public-url', sim.wsPublicUrl('linear'), '--ws-private-url', sim.wsPrivateUrl, '--timeout', '3000'];
}

export function bitunixFlags(sim: BitunixSimulator): string[] {
  return ['--rest-url', sim.restUrl, '--ws-public-url', sim.wsPublicUrl, '--ws-private-url', sim.wsPrivateUrl, '--timeout', '3000'];
}

/** Keys go in through the environment, as the README recommends (flags show in the process list). */
export function bybitKeys(sim: BybitSimulator, secret = sim.apiSecret): Record<string, string> {
  return { BYBIT_API_KEY: sim.apiKey, BYBIT_API_SECRET: secret };
}

export function bitunixKeys(sim: BitunixSimulator): Record<string, string> {
  return { BITUNIX_API_KEY: sim.apiKey, BITUNIX_SECRET_KEY: sim.apiSecret };
}

export { startBitunixSimulator, startBybitSimulator, type BitunixSimulator, type BybitSimulator };
